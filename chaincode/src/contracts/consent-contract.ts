import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { AccessCheck, AccessRequestView, BreakGlassRecord, BreakGlassView, DelegationView, GrantView, Page } from '../contract';
import { checkAccess } from './consent/access-check';
import { getBreakGlass, listBreakGlassByPatient, openBreakGlass, openBreakGlassRecord } from './consent/break-glass';
import { getDelegation, grantDelegation, listOwnDelegations, revokeDelegation } from './consent/delegations';
import { getGrant, issueGrant, listGrantsByGrantee, listGrantsByPatient, revokeGrant } from './consent/grants';
import { approveRequest, denyRequest, getRequest, listRequestsByPatient, listRequestsByRequester, requestAccess } from './consent/requests';

/**
 * Consent: grants (by category or by record), access requests with full or partial approval,
 * delegation to a trusted person, and time-boxed emergency access. Patient data itself is guarded
 * by lib/access-decision.ts, which reads what this contract writes. Each transaction's work is in
 * consent/, one file per concept; this class is the list of what clients may call.
 */
@Info({ title: 'Consent', description: 'Patient consent, access requests, delegation and break-glass access' })
export class ConsentContract extends Contract {
  constructor() {
    super('Consent');
  }

  /** The patient grants a verified professional access to a scope of their data for a window. */
  @Transaction()
  @Returns('GrantView')
  async grant(ctx: Context, granteeId: string, actionsJson: string, scopeJson: string, purpose: string, validFrom: string, validUntil: string): Promise<GrantView> {
    return issueGrant(ctx, 'grant', undefined, { granteeId, actionsJson, scopeJson, purpose, validFrom, validUntil });
  }

  /** A delegate in force grants on the patient's behalf (the grant records the delegate as creator). */
  @Transaction()
  @Returns('GrantView')
  async grantFor(
    ctx: Context,
    patientId: string,
    granteeId: string,
    actionsJson: string,
    scopeJson: string,
    purpose: string,
    validFrom: string,
    validUntil: string,
  ): Promise<GrantView> {
    return issueGrant(ctx, 'grantFor', patientId, { granteeId, actionsJson, scopeJson, purpose, validFrom, validUntil });
  }

  /** The patient or a delegate revokes a grant; it stays readable with status 'revoked'. */
  @Transaction()
  @Returns('GrantView')
  async revoke(ctx: Context, grantId: string): Promise<GrantView> {
    return revokeGrant(ctx, grantId);
  }

  /** A grant, for its patient, a delegate of the patient, or its grantee; with effectiveStatus at tx time. */
  @Transaction(false)
  @Returns('GrantView')
  async getGrant(ctx: Context, grantId: string): Promise<GrantView> {
    return getGrant(ctx, grantId);
  }

  /** All grants of a patient (active, expired and revoked), for the patient or a delegate. */
  @Transaction(false)
  @Returns('GrantPage')
  async listGrantsByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<GrantView>> {
    return listGrantsByPatient(ctx, patientId, pageSize, bookmark);
  }

  /** The calling professional's grants, across patients. */
  @Transaction(false)
  @Returns('GrantPage')
  async listGrantsByGrantee(ctx: Context, pageSize: number, bookmark: string): Promise<Page<GrantView>> {
    return listGrantsByGrantee(ctx, pageSize, bookmark);
  }

  /** A verified professional asks a patient for consent. */
  @Transaction()
  @Returns('AccessRequestView')
  async requestAccess(ctx: Context, patientId: string, actionsJson: string, scopeJson: string, purpose: string, validUntil: string): Promise<AccessRequestView> {
    return requestAccess(ctx, { patientId, actionsJson, scopeJson, purpose, validUntil });
  }

  /**
   * The patient or a delegate approves a pending request, in full or in part: the approved actions
   * and scope must be a subset of those requested and validUntil no later than requested. Creates
   * the grant (valid from now) and returns it.
   */
  @Transaction()
  @Returns('GrantView')
  async approveRequest(ctx: Context, requestId: string, approvedActionsJson: string, approvedScopeJson: string, validUntil: string): Promise<GrantView> {
    return approveRequest(ctx, requestId, { approvedActionsJson, approvedScopeJson, validUntil });
  }

  /** The patient or a delegate denies a pending request. */
  @Transaction()
  @Returns('AccessRequestView')
  async denyRequest(ctx: Context, requestId: string): Promise<AccessRequestView> {
    return denyRequest(ctx, requestId);
  }

  /** A request, for its requester, its patient or a delegate of the patient. */
  @Transaction(false)
  @Returns('AccessRequestView')
  async getRequest(ctx: Context, requestId: string): Promise<AccessRequestView> {
    return getRequest(ctx, requestId);
  }

  /** A patient's requests, oldest first, for the patient or a delegate. */
  @Transaction(false)
  @Returns('AccessRequestPage')
  async listRequestsByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<AccessRequestView>> {
    return listRequestsByPatient(ctx, patientId, pageSize, bookmark);
  }

  /** The calling professional's own requests, oldest first. */
  @Transaction(false)
  @Returns('AccessRequestPage')
  async listRequestsByRequester(ctx: Context, pageSize: number, bookmark: string): Promise<Page<AccessRequestView>> {
    return listRequestsByRequester(ctx, pageSize, bookmark);
  }

  /**
   * The patient lets another registered person act for them (manage consent, see their data)
   * from now until validUntil. One delegation per person at a time.
   */
  @Transaction()
  @Returns('DelegationView')
  async grantDelegation(ctx: Context, delegateId: string, validUntil: string): Promise<DelegationView> {
    return grantDelegation(ctx, delegateId, validUntil);
  }

  /** The patient, or the delegate stepping down, ends a delegation. */
  @Transaction()
  @Returns('DelegationView')
  async revokeDelegation(ctx: Context, delegationId: string): Promise<DelegationView> {
    return revokeDelegation(ctx, delegationId);
  }

  /** A delegation, for its patient or its delegate. */
  @Transaction(false)
  @Returns('DelegationView')
  async getDelegation(ctx: Context, delegationId: string): Promise<DelegationView> {
    return getDelegation(ctx, delegationId);
  }

  /** Delegations the calling patient has given. */
  @Transaction(false)
  @Returns('DelegationPage')
  async listDelegationsByPatient(ctx: Context, pageSize: number, bookmark: string): Promise<Page<DelegationView>> {
    return listOwnDelegations(ctx, 'patient', pageSize, bookmark);
  }

  /** Delegations the caller holds (whom it may act for). */
  @Transaction(false)
  @Returns('DelegationPage')
  async listDelegationsByDelegate(ctx: Context, pageSize: number, bookmark: string): Promise<Page<DelegationView>> {
    return listOwnDelegations(ctx, 'delegate', pageSize, bookmark);
  }

  /**
   * Emergency access: a verified doctor opens a BREAK_GLASS_MINUTES view-only window on a patient's
   * data without consent. The justification arrives in transient field "breakGlass" as
   * {"reason": "...", "salt": "<16-64 random bytes, hex or base64>"}; both are kept in the health
   * collection only, and the public record holds SHA-256(salt ‖ reason), which a guessed reason
   * cannot be checked against without the salt.
   * Every read in the window states purpose ETREAT (no other purpose is covered) and is logged
   * with basis 'break-glass'; the patient sees the openings.
   */
  @Transaction()
  @Returns('BreakGlassView')
  async breakGlass(ctx: Context, patientId: string): Promise<BreakGlassView> {
    return openBreakGlass(ctx, patientId);
  }

  /**
   * Within the caller's open break-glass window, opens one V (very restricted) file of the patient
   * with a second, separate reason in transient field "breakGlassRecord" ({reason, salt}, as for
   * breakGlass; the window's reason repeated is refused). Break-glass reads of a V record are
   * refused until then. Lasts as long as the window.
   */
  @Transaction()
  @Returns('BreakGlassRecord')
  async openBreakGlassRecord(ctx: Context, patientId: string, recordId: string): Promise<BreakGlassRecord> {
    return openBreakGlassRecord(ctx, patientId, recordId);
  }

  /** A break-glass record (never its reason), for the patient, a delegate, the doctor or the regulator. */
  @Transaction(false)
  @Returns('BreakGlassView')
  async getBreakGlass(ctx: Context, breakGlassId: string): Promise<BreakGlassView> {
    return getBreakGlass(ctx, breakGlassId);
  }

  /** Emergency accesses to a patient, oldest first, for the patient, a delegate or the regulator. */
  @Transaction(false)
  @Returns('BreakGlassPage')
  async listBreakGlassByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<BreakGlassView>> {
    return listBreakGlassByPatient(ctx, patientId, pageSize, bookmark);
  }

  /**
   * Submitted check of the caller's access to a patient's data: runs the access decision, and on
   * success writes an access-log entry (resource 'record' with recordId, else 'category') and
   * returns the decision. The gateway calls it before serving data kept off chain.
   * recordId is optional: pass '' for a whole category. A recordId must name an existing record of
   * this patient in this category (NOT_FOUND otherwise, whether unknown or another patient's), so
   * a check never answers for, or logs in this patient's log, a record that is not theirs.
   */
  @Transaction()
  @Returns('AccessCheck')
  async checkAccess(ctx: Context, patientId: string, action: string, category: string, recordId: string): Promise<AccessCheck> {
    return checkAccess(ctx, { patientId, action, category, recordId });
  }
}
