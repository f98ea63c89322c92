import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  BREAK_GLASS_MINUTES,
  BREAK_GLASS_REASON_MAX,
  MAX_SALT_BYTES,
  MIN_SALT_BYTES,
  PROFESSIONAL_ROLES,
  type AccessCheck,
  type AccessRequest,
  type AccessRequestView,
  type BreakGlass,
  type BreakGlassView,
  type Delegation,
  type DelegationView,
  type Grant,
  type GrantScope,
  type GrantView,
  type Page,
  type Role,
} from '../contract';
import { currentBreakGlass, decideAccess, requireActsForPatient, type AccessQuery } from '../lib/access-decision';
import { recordAccess } from '../lib/access-log';
import { readStakeholder, requireActiveStakeholder, requireActor, type Actor } from '../lib/actors';
import { requireAction, requireCategory } from '../lib/categories';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { newObjectId } from '../lib/ids';
import { pageOfKeys } from '../lib/paging';
import { requirePatientRecord, requirePatientRecords } from '../lib/patient-records';
import { HEALTH_COLLECTION, requireTransientJson } from '../lib/private-data';
import { requirePurpose } from '../lib/purposes';
import { sortedCopy } from '../lib/serialization';
import { objectKey, readObject, requireObject, writeIndex, writeObject, writePrivate } from '../lib/state';
import { addSeconds, txTimeIso } from '../lib/time';
import { requireInstant, requireObjectId, requireStakeholderId, requireText } from '../lib/validation';
import { ACCESS_REQUEST_TYPE, REQUEST_BY_PATIENT_INDEX, REQUEST_BY_REQUESTER_INDEX, requestEffectiveStatus } from '../models/access-request';
import {
  BREAK_GLASS_BY_PATIENT_INDEX,
  BREAK_GLASS_CURRENT_TYPE,
  BREAK_GLASS_REASON_TYPE,
  BREAK_GLASS_TRANSIENT_FIELD,
  BREAK_GLASS_TYPE,
  breakGlassReasonHash,
  type BreakGlassPointer,
  type BreakGlassReason,
} from '../models/break-glass';
import { DELEGATION_BY_DELEGATE_INDEX, DELEGATION_BY_PATIENT_INDEX, DELEGATION_CURRENT_TYPE, DELEGATION_TYPE, type DelegationPointer } from '../models/delegation';
import {
  GRANT_BY_GRANTEE_INDEX,
  GRANT_BY_PATIENT_GRANTEE_INDEX,
  GRANT_TYPE,
  createGrant,
  grantEffectiveStatus,
  isNarrowerOrEqual,
  isWithinWindow,
  parseActions,
  parseScope,
  requireValidityWindow,
} from '../models/grant';

const PATIENT: readonly Role[] = ['patient'];
/** Who may read patient data at all, and so may ask for consent or check it. The regulator and admins never do. */
const DATA_ACCESSORS: readonly Role[] = ['patient', ...PROFESSIONAL_ROLES];

// ---- grants -------------------------------------------------------------------------------

async function readGrant(ctx: Context, grantId: string): Promise<Grant> {
  requireObjectId('grantId', grantId);
  return requireObject<Grant>(ctx, objectKey(ctx, GRANT_TYPE, [grantId]), `grant ${grantId}`);
}

async function saveGrant(ctx: Context, grant: Grant): Promise<void> {
  await writeObject(ctx, objectKey(ctx, GRANT_TYPE, [grant.id]), grant);
  await writeIndex(ctx, GRANT_BY_PATIENT_GRANTEE_INDEX, [grant.patientId, grant.granteeId, grant.id]);
  await writeIndex(ctx, GRANT_BY_GRANTEE_INDEX, [grant.granteeId, grant.patientId, grant.id]);
}

/** A grant as returned to clients: with its status as judged at transaction time. */
function grantView(grant: Grant, now: string): GrantView {
  return { ...grant, effectiveStatus: grantEffectiveStatus(grant, now) };
}

function grantEventPayload(grant: Grant, at: string): Record<string, unknown> {
  return {
    grantId: grant.id,
    patientId: grant.patientId,
    granteeId: grant.granteeId,
    status: grant.status,
    validFrom: grant.validFrom,
    validUntil: grant.validUntil,
    requestId: grant.requestId,
    by: grant.revokedBy ?? grant.createdBy,
    at,
  };
}

/**
 * A grant may name only records of its own patient: each of scope.recordIds must be an existing
 * record of that patient (NOT_FOUND otherwise, the same answer whether the ID is unknown or
 * another patient's). Checked where the patient side grants (grant, grantFor, approveRequest);
 * requestAccess does not check, since a refusal there would tell a professional without consent
 * which record IDs the patient has, and an unchecked request grants nothing until approved.
 */
async function requireScopeOfPatient(ctx: Context, patientId: string, scope: GrantScope): Promise<void> {
  if (scope.recordIds !== undefined) {
    await requirePatientRecords(ctx, patientId, scope.recordIds);
  }
}

/** grant and grantFor: validate everything, check who acts and for whom, then write once. */
async function issueGrant(
  ctx: Context,
  transactionName: string,
  actor: Actor,
  patientId: string,
  args: { granteeId: string; actionsJson: string; scopeJson: string; purpose: string; validFrom: string; validUntil: string },
): Promise<GrantView> {
  requireStakeholderId('patientId', patientId);
  const granteeId = requireStakeholderId('granteeId', args.granteeId);
  const actions = parseActions('actionsJson', args.actionsJson);
  const scope = parseScope('scopeJson', args.scopeJson);
  const purpose = requirePurpose(args.purpose);
  const validFrom = requireInstant('validFrom', args.validFrom);
  const validUntil = requireInstant('validUntil', args.validUntil);
  await requireActsForPatient(ctx, actor, patientId);
  const grantee = await requireActiveStakeholder(ctx, granteeId, PROFESSIONAL_ROLES);
  await requireScopeOfPatient(ctx, patientId, scope);
  const now = txTimeIso(ctx);
  const grant = createGrant(
    { id: newObjectId(ctx, 'grant'), patientId, granteeId, granteeRole: grantee.role, actions, scope, purpose, validFrom, validUntil, createdBy: actor.stakeholderId },
    now,
  );
  await saveGrant(ctx, grant);
  emitEvent(ctx, transactionName, grantEventPayload(grant, now));
  return sortedCopy(grantView(grant, now));
}

// ---- requests -----------------------------------------------------------------------------

async function readRequest(ctx: Context, requestId: string): Promise<AccessRequest> {
  requireObjectId('requestId', requestId);
  return requireObject<AccessRequest>(ctx, objectKey(ctx, ACCESS_REQUEST_TYPE, [requestId]), `access request ${requestId}`);
}

function requestView(request: AccessRequest, now: string): AccessRequestView {
  return { ...request, effectiveStatus: requestEffectiveStatus(request, now) };
}

function requestEventPayload(request: AccessRequest, at: string): Record<string, unknown> {
  return {
    requestId: request.id,
    patientId: request.patientId,
    requesterId: request.requesterId,
    status: request.status,
    grantId: request.grantId,
    by: request.decidedBy ?? request.requesterId,
    at,
  };
}

/** A pending request the caller may decide on (as the patient or a delegate). */
async function requireDecidableRequest(ctx: Context, actor: Actor, requestId: string): Promise<AccessRequest> {
  const request = await readRequest(ctx, requestId);
  await requireActsForPatient(ctx, actor, request.patientId);
  if (request.status !== 'pending') {
    throw new ChaincodeError('INVALID_STATE', `access request ${requestId} is already ${request.status}`);
  }
  return request;
}

// ---- delegations --------------------------------------------------------------------------

async function readDelegation(ctx: Context, delegationId: string): Promise<Delegation> {
  requireObjectId('delegationId', delegationId);
  return requireObject<Delegation>(ctx, objectKey(ctx, DELEGATION_TYPE, [delegationId]), `delegation ${delegationId}`);
}

function delegationView(delegation: Delegation, now: string): DelegationView {
  const inForce = isWithinWindow(delegation, now);
  const effectiveStatus = delegation.status === 'revoked' ? 'revoked' : inForce ? 'active' : 'expired';
  return { ...delegation, effectiveStatus };
}

// ---- break-glass --------------------------------------------------------------------------

async function readBreakGlass(ctx: Context, breakGlassId: string): Promise<BreakGlass> {
  requireObjectId('breakGlassId', breakGlassId);
  return requireObject<BreakGlass>(ctx, objectKey(ctx, BREAK_GLASS_TYPE, [breakGlassId]), `break-glass ${breakGlassId}`);
}

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * The break-glass salt from the transient input: hex (tried first) or base64/base64url of
 * MIN_SALT_BYTES..MAX_SALT_BYTES bytes. The chaincode cannot draw randomness, so the client must;
 * this only refuses salts too short to stop a dictionary of likely reasons.
 */
function requireSalt(value: unknown): Buffer {
  const text = typeof value === 'string' ? value : '';
  let bytes: Buffer | undefined;
  if (HEX_PATTERN.test(text)) {
    bytes = Buffer.from(text, 'hex');
  } else if (BASE64_PATTERN.test(text)) {
    bytes = Buffer.from(text, 'base64');
  } else if (BASE64URL_PATTERN.test(text)) {
    bytes = Buffer.from(text, 'base64url');
  }
  if (bytes === undefined || bytes.length < MIN_SALT_BYTES || bytes.length > MAX_SALT_BYTES) {
    throw new ChaincodeError('INVALID_ARGUMENT', `salt must be ${MIN_SALT_BYTES}-${MAX_SALT_BYTES} random bytes, hex or base64 encoded`);
  }
  return bytes;
}

function breakGlassView(record: BreakGlass, now: string): BreakGlassView {
  return { ...record, open: Date.parse(now) < Date.parse(record.expiresAt) };
}

/** Reads the objects an index page points at (the last key part is the object ID). */
async function objectsOfIndexPage<T>(
  ctx: Context,
  indexType: string,
  prefix: string[],
  objectType: string,
  pageSize: number,
  bookmark: string,
): Promise<Page<T>> {
  const page = await pageOfKeys(ctx, indexType, prefix, pageSize, bookmark);
  const items: T[] = [];
  for (const entry of page.entries) {
    const id = entry.parts[entry.parts.length - 1];
    const found = id === undefined ? undefined : await readObject<T>(ctx, objectKey(ctx, objectType, [id]));
    if (found !== undefined) {
      items.push(found);
    }
  }
  return { items, bookmark: page.bookmark };
}

/**
 * Consent: grants (by category or by record), access requests with full or partial approval,
 * delegation to a trusted person, and time-boxed emergency access. Patient data itself is guarded
 * by lib/access-decision.ts, which reads what this contract writes.
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
    const actor = await requireActor(ctx, PATIENT);
    return issueGrant(ctx, 'grant', actor, actor.stakeholderId, { granteeId, actionsJson, scopeJson, purpose, validFrom, validUntil });
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
    const actor = await requireActor(ctx, PATIENT);
    return issueGrant(ctx, 'grantFor', actor, patientId, { granteeId, actionsJson, scopeJson, purpose, validFrom, validUntil });
  }

  /** The patient or a delegate revokes a grant; it stays readable with status 'revoked'. */
  @Transaction()
  @Returns('GrantView')
  async revoke(ctx: Context, grantId: string): Promise<GrantView> {
    const actor = await requireActor(ctx, PATIENT);
    const grant = await readGrant(ctx, grantId);
    await requireActsForPatient(ctx, actor, grant.patientId);
    if (grant.status === 'revoked') {
      throw new ChaincodeError('INVALID_STATE', `grant ${grantId} is already revoked`);
    }
    const now = txTimeIso(ctx);
    const revoked: Grant = { ...grant, status: 'revoked', revokedBy: actor.stakeholderId, revokedAt: now, updatedAt: now };
    await saveGrant(ctx, revoked);
    emitEvent(ctx, 'revoke', grantEventPayload(revoked, now));
    return sortedCopy(grantView(revoked, now));
  }

  /** A grant, for its patient, a delegate of the patient, or its grantee; with effectiveStatus at tx time. */
  @Transaction(false)
  @Returns('GrantView')
  async getGrant(ctx: Context, grantId: string): Promise<GrantView> {
    const actor = await requireActor(ctx, DATA_ACCESSORS);
    const grant = await readGrant(ctx, grantId);
    if (actor.stakeholderId !== grant.granteeId) {
      await requireActsForPatient(ctx, actor, grant.patientId);
    }
    return sortedCopy(grantView(grant, txTimeIso(ctx)));
  }

  /** All grants of a patient (active, expired and revoked), for the patient or a delegate. */
  @Transaction(false)
  @Returns('GrantPage')
  async listGrantsByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<GrantView>> {
    const actor = await requireActor(ctx, PATIENT);
    requireStakeholderId('patientId', patientId);
    await requireActsForPatient(ctx, actor, patientId);
    const page = await objectsOfIndexPage<Grant>(ctx, GRANT_BY_PATIENT_GRANTEE_INDEX, [patientId], GRANT_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((grant) => grantView(grant, now)), bookmark: page.bookmark });
  }

  /** The calling professional's grants, across patients. */
  @Transaction(false)
  @Returns('GrantPage')
  async listGrantsByGrantee(ctx: Context, pageSize: number, bookmark: string): Promise<Page<GrantView>> {
    const actor = await requireActor(ctx, PROFESSIONAL_ROLES);
    const page = await objectsOfIndexPage<Grant>(ctx, GRANT_BY_GRANTEE_INDEX, [actor.stakeholderId], GRANT_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((grant) => grantView(grant, now)), bookmark: page.bookmark });
  }

  /** A verified professional asks a patient for consent. */
  @Transaction()
  @Returns('AccessRequestView')
  async requestAccess(ctx: Context, patientId: string, actionsJson: string, scopeJson: string, purpose: string, validUntil: string): Promise<AccessRequestView> {
    const actor = await requireActor(ctx, PROFESSIONAL_ROLES);
    requireStakeholderId('patientId', patientId);
    const actions = parseActions('actionsJson', actionsJson);
    const scope = parseScope('scopeJson', scopeJson);
    const checkedPurpose = requirePurpose(purpose);
    const until = requireInstant('validUntil', validUntil);
    const now = txTimeIso(ctx);
    requireValidityWindow(now, until, now);
    await requireActiveStakeholder(ctx, patientId, PATIENT);
    const request: AccessRequest = {
      id: newObjectId(ctx, 'req'),
      patientId,
      requesterId: actor.stakeholderId,
      requesterRole: actor.role,
      actions,
      scope,
      purpose: checkedPurpose,
      validUntil: until,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    };
    await writeObject(ctx, objectKey(ctx, ACCESS_REQUEST_TYPE, [request.id]), request);
    await writeIndex(ctx, REQUEST_BY_PATIENT_INDEX, [patientId, now, request.id]);
    await writeIndex(ctx, REQUEST_BY_REQUESTER_INDEX, [actor.stakeholderId, now, request.id]);
    emitEvent(ctx, 'requestAccess', requestEventPayload(request, now));
    return sortedCopy(requestView(request, now));
  }

  /**
   * The patient or a delegate approves a pending request, in full or in part: the approved actions
   * and scope must be a subset of those requested and validUntil no later than requested. Creates
   * the grant (valid from now) and returns it.
   */
  @Transaction()
  @Returns('GrantView')
  async approveRequest(ctx: Context, requestId: string, approvedActionsJson: string, approvedScopeJson: string, validUntil: string): Promise<GrantView> {
    const actor = await requireActor(ctx, PATIENT);
    requireObjectId('requestId', requestId);
    const actions = parseActions('approvedActionsJson', approvedActionsJson);
    const scope = parseScope('approvedScopeJson', approvedScopeJson);
    const until = requireInstant('validUntil', validUntil);
    const request = await requireDecidableRequest(ctx, actor, requestId);
    const now = txTimeIso(ctx);
    if (Date.parse(request.validUntil) <= Date.parse(now)) {
      throw new ChaincodeError('DEADLINE_PASSED', `access request ${requestId} asked for access until ${request.validUntil}, which has passed`);
    }
    if (!isNarrowerOrEqual(request, { actions, scope })) {
      throw new ChaincodeError('INVALID_ARGUMENT', 'an approval may narrow the requested actions and scope, never widen them');
    }
    if (Date.parse(until) > Date.parse(request.validUntil)) {
      throw new ChaincodeError('INVALID_ARGUMENT', `validUntil may be at most the requested ${request.validUntil}`);
    }
    await requireScopeOfPatient(ctx, request.patientId, scope);
    const requester = await requireActiveStakeholder(ctx, request.requesterId, PROFESSIONAL_ROLES);
    const grant = createGrant(
      {
        id: newObjectId(ctx, 'grant'),
        patientId: request.patientId,
        granteeId: request.requesterId,
        granteeRole: requester.role,
        actions,
        scope,
        purpose: request.purpose,
        validFrom: now,
        validUntil: until,
        createdBy: actor.stakeholderId,
        requestId: request.id,
      },
      now,
    );
    const approved: AccessRequest = { ...request, status: 'approved', decidedBy: actor.stakeholderId, decidedAt: now, grantId: grant.id, updatedAt: now };
    await saveGrant(ctx, grant);
    await writeObject(ctx, objectKey(ctx, ACCESS_REQUEST_TYPE, [request.id]), approved);
    // The grant's end goes with the event so listeners can warn before it expires.
    emitEvent(ctx, 'approveRequest', { ...requestEventPayload(approved, now), validUntil: grant.validUntil });
    return sortedCopy(grantView(grant, now));
  }

  /** The patient or a delegate denies a pending request. */
  @Transaction()
  @Returns('AccessRequestView')
  async denyRequest(ctx: Context, requestId: string): Promise<AccessRequestView> {
    const actor = await requireActor(ctx, PATIENT);
    const request = await requireDecidableRequest(ctx, actor, requestId);
    const now = txTimeIso(ctx);
    const denied: AccessRequest = { ...request, status: 'denied', decidedBy: actor.stakeholderId, decidedAt: now, updatedAt: now };
    await writeObject(ctx, objectKey(ctx, ACCESS_REQUEST_TYPE, [request.id]), denied);
    emitEvent(ctx, 'denyRequest', requestEventPayload(denied, now));
    return sortedCopy(requestView(denied, now));
  }

  /** A request, for its requester, its patient or a delegate of the patient. */
  @Transaction(false)
  @Returns('AccessRequestView')
  async getRequest(ctx: Context, requestId: string): Promise<AccessRequestView> {
    const actor = await requireActor(ctx, DATA_ACCESSORS);
    const request = await readRequest(ctx, requestId);
    if (actor.stakeholderId !== request.requesterId) {
      await requireActsForPatient(ctx, actor, request.patientId);
    }
    return sortedCopy(requestView(request, txTimeIso(ctx)));
  }

  /** A patient's requests, oldest first, for the patient or a delegate. */
  @Transaction(false)
  @Returns('AccessRequestPage')
  async listRequestsByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<AccessRequestView>> {
    const actor = await requireActor(ctx, PATIENT);
    requireStakeholderId('patientId', patientId);
    await requireActsForPatient(ctx, actor, patientId);
    const page = await objectsOfIndexPage<AccessRequest>(ctx, REQUEST_BY_PATIENT_INDEX, [patientId], ACCESS_REQUEST_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((request) => requestView(request, now)), bookmark: page.bookmark });
  }

  /** The calling professional's own requests, oldest first. */
  @Transaction(false)
  @Returns('AccessRequestPage')
  async listRequestsByRequester(ctx: Context, pageSize: number, bookmark: string): Promise<Page<AccessRequestView>> {
    const actor = await requireActor(ctx, PROFESSIONAL_ROLES);
    const page = await objectsOfIndexPage<AccessRequest>(ctx, REQUEST_BY_REQUESTER_INDEX, [actor.stakeholderId], ACCESS_REQUEST_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((request) => requestView(request, now)), bookmark: page.bookmark });
  }

  /**
   * The patient lets another registered person act for them (manage consent, see their data)
   * from now until validUntil. One delegation per person at a time.
   */
  @Transaction()
  @Returns('DelegationView')
  async grantDelegation(ctx: Context, delegateId: string, validUntil: string): Promise<DelegationView> {
    const actor = await requireActor(ctx, PATIENT);
    requireStakeholderId('delegateId', delegateId);
    const until = requireInstant('validUntil', validUntil);
    const now = txTimeIso(ctx);
    requireValidityWindow(now, until, now);
    if (delegateId === actor.stakeholderId) {
      throw new ChaincodeError('INVALID_ARGUMENT', 'a patient cannot delegate to themselves');
    }
    await requireActiveStakeholder(ctx, delegateId, PATIENT);
    const pointerKey = objectKey(ctx, DELEGATION_CURRENT_TYPE, [actor.stakeholderId, delegateId]);
    const pointer = await readObject<DelegationPointer>(ctx, pointerKey);
    if (pointer !== undefined) {
      const existing = await readObject<Delegation>(ctx, objectKey(ctx, DELEGATION_TYPE, [pointer.delegationId]));
      if (existing !== undefined && existing.status === 'active' && isWithinWindow(existing, now)) {
        throw new ChaincodeError('ALREADY_EXISTS', `delegation ${existing.id} to ${delegateId} is in force until ${existing.validUntil}`);
      }
    }
    const delegation: Delegation = {
      id: newObjectId(ctx, 'dlg'),
      patientId: actor.stakeholderId,
      delegateId,
      validFrom: now,
      validUntil: until,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await writeObject(ctx, objectKey(ctx, DELEGATION_TYPE, [delegation.id]), delegation);
    await writeObject(ctx, pointerKey, { delegationId: delegation.id } satisfies DelegationPointer);
    await writeIndex(ctx, DELEGATION_BY_PATIENT_INDEX, [delegation.patientId, delegateId, delegation.id]);
    await writeIndex(ctx, DELEGATION_BY_DELEGATE_INDEX, [delegateId, delegation.patientId, delegation.id]);
    emitEvent(ctx, 'grantDelegation', {
      delegationId: delegation.id,
      patientId: delegation.patientId,
      delegateId,
      status: delegation.status,
      validUntil: until,
      at: now,
    });
    return sortedCopy(delegationView(delegation, now));
  }

  /** The patient, or the delegate stepping down, ends a delegation. */
  @Transaction()
  @Returns('DelegationView')
  async revokeDelegation(ctx: Context, delegationId: string): Promise<DelegationView> {
    const actor = await requireActor(ctx, PATIENT);
    const delegation = await readDelegation(ctx, delegationId);
    if (actor.stakeholderId !== delegation.patientId && actor.stakeholderId !== delegation.delegateId) {
      throw new ChaincodeError('NOT_OWNER', `only ${delegation.patientId} or the delegate may revoke delegation ${delegationId}`);
    }
    if (delegation.status === 'revoked') {
      throw new ChaincodeError('INVALID_STATE', `delegation ${delegationId} is already revoked`);
    }
    const now = txTimeIso(ctx);
    const revoked: Delegation = { ...delegation, status: 'revoked', revokedBy: actor.stakeholderId, revokedAt: now, updatedAt: now };
    await writeObject(ctx, objectKey(ctx, DELEGATION_TYPE, [delegationId]), revoked);
    const pointerKey = objectKey(ctx, DELEGATION_CURRENT_TYPE, [delegation.patientId, delegation.delegateId]);
    const pointer = await readObject<DelegationPointer>(ctx, pointerKey);
    if (pointer?.delegationId === delegationId) {
      await ctx.stub.deleteState(pointerKey);
    }
    emitEvent(ctx, 'revokeDelegation', {
      delegationId,
      patientId: delegation.patientId,
      delegateId: delegation.delegateId,
      status: revoked.status,
      by: actor.stakeholderId,
      at: now,
    });
    return sortedCopy(delegationView(revoked, now));
  }

  /** A delegation, for its patient or its delegate. */
  @Transaction(false)
  @Returns('DelegationView')
  async getDelegation(ctx: Context, delegationId: string): Promise<DelegationView> {
    const actor = await requireActor(ctx, PATIENT);
    const delegation = await readDelegation(ctx, delegationId);
    if (actor.stakeholderId !== delegation.patientId && actor.stakeholderId !== delegation.delegateId) {
      throw new ChaincodeError('NOT_OWNER', `only ${delegation.patientId} or the delegate may read delegation ${delegationId}`);
    }
    return sortedCopy(delegationView(delegation, txTimeIso(ctx)));
  }

  /** Delegations the calling patient has given. */
  @Transaction(false)
  @Returns('DelegationPage')
  async listDelegationsByPatient(ctx: Context, pageSize: number, bookmark: string): Promise<Page<DelegationView>> {
    const actor = await requireActor(ctx, PATIENT);
    const page = await objectsOfIndexPage<Delegation>(ctx, DELEGATION_BY_PATIENT_INDEX, [actor.stakeholderId], DELEGATION_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((item) => delegationView(item, now)), bookmark: page.bookmark });
  }

  /** Delegations the caller holds (whom it may act for). */
  @Transaction(false)
  @Returns('DelegationPage')
  async listDelegationsByDelegate(ctx: Context, pageSize: number, bookmark: string): Promise<Page<DelegationView>> {
    const actor = await requireActor(ctx, PATIENT);
    const page = await objectsOfIndexPage<Delegation>(ctx, DELEGATION_BY_DELEGATE_INDEX, [actor.stakeholderId], DELEGATION_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((item) => delegationView(item, now)), bookmark: page.bookmark });
  }

  /**
   * Emergency access: a verified doctor opens a BREAK_GLASS_MINUTES view-only window on a patient's
   * data without consent. The justification arrives in transient field "breakGlass" as
   * {"reason": "...", "salt": "<16-64 random bytes, hex or base64>"}; both are kept in the health
   * collection only, and the public record holds SHA-256(salt ‖ reason), which a guessed reason
   * cannot be checked against without the salt.
   * Every read in the window is logged with basis 'break-glass'; the patient sees the openings.
   */
  @Transaction()
  @Returns('BreakGlassView')
  async breakGlass(ctx: Context, patientId: string): Promise<BreakGlassView> {
    const actor = await requireActor(ctx, ['doctor']);
    requireStakeholderId('patientId', patientId);
    const input = requireTransientJson(ctx, BREAK_GLASS_TRANSIENT_FIELD);
    const reason = requireText('reason', typeof input.reason === 'string' ? input.reason : '', BREAK_GLASS_REASON_MAX);
    const salt = requireSalt(input.salt);
    const patient = await readStakeholder(ctx, patientId);
    if (patient === undefined || patient.role !== 'patient') {
      throw new ChaincodeError('NOT_FOUND', `patient ${patientId} does not exist`);
    }
    const open = await currentBreakGlass(ctx, patientId, actor.stakeholderId);
    if (open !== undefined) {
      throw new ChaincodeError('INVALID_STATE', `break-glass ${open.breakGlassId} is already open until ${open.expiresAt}`);
    }
    const now = txTimeIso(ctx);
    const id = newObjectId(ctx, 'bg');
    const privatePart: BreakGlassReason = { breakGlassId: id, reason, salt: salt.toString('hex') };
    const record: BreakGlass = {
      id,
      patientId,
      doctorId: actor.stakeholderId,
      reasonHash: breakGlassReasonHash(salt, reason),
      openedAt: now,
      expiresAt: addSeconds(now, BREAK_GLASS_MINUTES * 60),
    };
    await writeObject(ctx, objectKey(ctx, BREAK_GLASS_TYPE, [id]), record);
    await writeIndex(ctx, BREAK_GLASS_BY_PATIENT_INDEX, [patientId, now, id]);
    await writeObject(ctx, objectKey(ctx, BREAK_GLASS_CURRENT_TYPE, [patientId, actor.stakeholderId]), {
      breakGlassId: id,
      expiresAt: record.expiresAt,
    } satisfies BreakGlassPointer);
    await writePrivate(ctx, HEALTH_COLLECTION, objectKey(ctx, BREAK_GLASS_REASON_TYPE, [id]), privatePart);
    emitEvent(ctx, 'breakGlass', { breakGlassId: id, patientId, doctorId: actor.stakeholderId, openedAt: now, expiresAt: record.expiresAt });
    return sortedCopy(breakGlassView(record, now));
  }

  /** A break-glass record (never its reason), for the patient, a delegate, the doctor or the regulator. */
  @Transaction(false)
  @Returns('BreakGlassView')
  async getBreakGlass(ctx: Context, breakGlassId: string): Promise<BreakGlassView> {
    const actor = await requireActor(ctx, ['patient', 'doctor', 'regulator']);
    const record = await readBreakGlass(ctx, breakGlassId);
    if (actor.role !== 'regulator' && actor.stakeholderId !== record.doctorId) {
      await requireActsForPatient(ctx, actor, record.patientId);
    }
    return sortedCopy(breakGlassView(record, txTimeIso(ctx)));
  }

  /** Emergency accesses to a patient, oldest first, for the patient, a delegate or the regulator. */
  @Transaction(false)
  @Returns('BreakGlassPage')
  async listBreakGlassByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<BreakGlassView>> {
    const actor = await requireActor(ctx, ['patient', 'regulator']);
    requireStakeholderId('patientId', patientId);
    if (actor.role !== 'regulator') {
      await requireActsForPatient(ctx, actor, patientId);
    }
    const page = await objectsOfIndexPage<BreakGlass>(ctx, BREAK_GLASS_BY_PATIENT_INDEX, [patientId], BREAK_GLASS_TYPE, pageSize, bookmark);
    const now = txTimeIso(ctx);
    return sortedCopy({ items: page.items.map((item) => breakGlassView(item, now)), bookmark: page.bookmark });
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
    const actor = await requireActor(ctx, DATA_ACCESSORS);
    const query: AccessQuery = {
      patientId: requireStakeholderId('patientId', patientId),
      action: requireAction('action', action),
      category: requireCategory('category', category),
      recordId: recordId === '' ? undefined : requireObjectId('recordId', recordId),
    };
    const decision = await decideAccess(ctx, actor, query);
    if (query.recordId !== undefined) {
      // After the decision, so a caller without consent learns nothing about the patient's record IDs.
      await requirePatientRecord(ctx, query.patientId, query.recordId, query.category);
    }
    const resource = query.recordId === undefined ? { type: 'category', id: query.category } : { type: 'record', id: query.recordId };
    const entry = await recordAccess(ctx, actor, query, decision, resource);
    emitEvent(ctx, 'checkAccess', { logEntryId: entry.id, patientId: query.patientId, accessorId: actor.stakeholderId, basis: decision.basis, at: entry.at });
    return sortedCopy({ ...query, ...decision, logEntryId: entry.id, at: entry.at });
  }
}
