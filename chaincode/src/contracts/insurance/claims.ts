import type { Context } from 'fabric-contract-api';
import { CLAIM_DECISIONS, CLAIM_PAYMENT_REF_PATTERN, CLAIM_STATUSES, ROLES, type Claim, type ClaimStatus, type ClaimWithDetails, type Page } from '../../contract';
import { decideAccess, type AccessDecision, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { decideAndRecord, pagingFor, partyDecision, recordListRead, recordPartyList } from '../../lib/disclosures';
import { requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, statusFilter } from '../../lib/indexed-page';
import { claimEvent, claimIndexParts, claimKey, claimQuery, requireClaim, requireClaimable, requirePolicy, saveClaim } from '../../lib/insurance-store';
import { readPatientPrivate, requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, readObject, writeIndex, writeObject } from '../../lib/state';
import { nextStatus } from '../../lib/status-machine';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf, requirePattern, requirePositiveInteger, requireSha256 } from '../../lib/validation';
import { createWorkflowGrant, endWorkflowGrant } from '../consent/grants';
import { CLAIM_BY_INSURER_INDEX, CLAIM_BY_POLICY_INDEX, CLAIM_DETAILS_TYPE, CLAIM_TRANSITIONS, CLAIM_TYPE, parseClaimDetails, type ClaimDetails } from '../../models/claim';

/*
 * Insurance claims: submitted against an active policy, decided and marked paid by its insurer.
 * Submitting lets the insurer view that claim's details (a workflow grant, purpose HPAYMT, the
 * insurer's default) until the claim is denied or paid.
 */

export async function submitClaim(ctx: Context, claimId: string, policyId: string, invoiceSha256: string, amountMinor: number): Promise<Claim> {
  const actor = await requireActor(ctx, ['patient', 'hospital']);
  const id = claimId === '' ? newObjectId(ctx, 'clm') : requireObjectId('claimId', claimId);
  requireSha256('invoiceSha256', invoiceSha256);
  requirePositiveInteger('amountMinor', amountMinor);
  const details = parseClaimDetails(requireTransientJson(ctx, 'claim'));
  const policy = await requirePolicy(ctx, policyId);
  const billingEdit: AccessQuery = { patientId: policy.patientId, action: 'edit', category: 'billing' };
  let decision: AccessDecision | undefined;
  if (actor.role === 'patient') {
    if (policy.patientId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `policy ${policy.id} belongs to another patient`);
    }
  } else {
    decision = await decideAccess(ctx, actor, billingEdit);
  }
  requireClaimable(ctx, policy);
  const key = claimKey(ctx, id);
  if ((await readObject(ctx, key)) !== undefined) {
    throw new ChaincodeError('ALREADY_EXISTS', `claim ${id} already exists`);
  }
  const grant = await createWorkflowGrant(ctx, {
    patientId: policy.patientId,
    grantee: { id: policy.insurerId, role: 'insurer' },
    action: 'view',
    recordIds: [id],
    purpose: 'HPAYMT',
    workflow: { type: 'claim', id },
  });

  const now = txTimeIso(ctx);
  const claim: Claim = {
    id,
    policyId: policy.id,
    patientId: policy.patientId,
    insurerId: policy.insurerId,
    submittedBy: actor.stakeholderId,
    submitterRole: actor.role,
    submitGrantId: decision?.grantId,
    workflowGrantId: grant.id,
    invoiceSha256,
    amountMinor,
    currency: policy.currency,
    status: 'submitted',
    submittedAt: now,
    updatedAt: now,
  };
  const privatePart: ClaimDetails = { claimId: id, patientId: policy.patientId, details };
  await writeObject(ctx, key, claim);
  await writePatientPrivate(ctx, policy.patientId, objectKey(ctx, CLAIM_DETAILS_TYPE, [id]), privatePart);
  await writeIndex(ctx, CLAIM_BY_POLICY_INDEX, claimIndexParts(claim, claim.policyId));
  await writeIndex(ctx, CLAIM_BY_INSURER_INDEX, claimIndexParts(claim, claim.insurerId));
  if (decision !== undefined) {
    // a hospital wrote billing data into the patient's record: the patient sees it in their access log
    await recordAccess(ctx, actor, { ...billingEdit, recordId: id }, decision, { type: 'claim', id });
  }
  emitEvent(ctx, 'submitClaim', claimEvent(claim));
  return sortedCopy(claim);
}

export async function decideClaim(ctx: Context, claimId: string, decision: string, approvedAmountMinor: number): Promise<Claim> {
  const chosen = requireOneOf('decision', decision, CLAIM_DECISIONS);
  if (!Number.isInteger(approvedAmountMinor) || approvedAmountMinor < 0) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'approvedAmountMinor must be a whole number of at least 0');
  }
  const claim = await insurerClaim(ctx, claimId);
  const to = nextStatus(CLAIM_TRANSITIONS, chosen, claim.status, `claim ${claim.id}`);
  const valid =
    (chosen === 'approved' && approvedAmountMinor === claim.amountMinor) ||
    (chosen === 'partially-approved' && approvedAmountMinor > 0 && approvedAmountMinor < claim.amountMinor) ||
    (chosen === 'denied' && approvedAmountMinor === 0);
  if (!valid) {
    throw new ChaincodeError(
      'INVALID_ARGUMENT',
      `approvedAmountMinor ${approvedAmountMinor} does not fit "${chosen}" of a ${claim.amountMinor} claim (approved: equal; partially-approved: between; denied: 0)`,
    );
  }
  const now = txTimeIso(ctx);
  const updated: Claim = { ...claim, status: to, decision: chosen, approvedAmountMinor, decidedAt: now, updatedAt: now };
  await saveClaim(ctx, claim, updated);
  await endGrantIfFinal(ctx, updated);
  emitEvent(ctx, 'decideClaim', claimEvent(updated));
  return sortedCopy(updated);
}

export async function markPaid(ctx: Context, claimId: string, paymentRef: string): Promise<Claim> {
  requirePattern('paymentRef', paymentRef, CLAIM_PAYMENT_REF_PATTERN, '1-128 letters, digits or . _ : / -');
  const claim = await insurerClaim(ctx, claimId);
  const to = nextStatus(CLAIM_TRANSITIONS, 'markPaid', claim.status, `claim ${claim.id}`);
  const now = txTimeIso(ctx);
  const updated: Claim = { ...claim, status: to, paymentRef, paidAt: now, updatedAt: now };
  await saveClaim(ctx, claim, updated);
  await endGrantIfFinal(ctx, updated);
  emitEvent(ctx, 'markPaid', claimEvent(updated));
  return sortedCopy(updated);
}

export async function getClaim(ctx: Context, claimId: string): Promise<Claim> {
  const actor = await requireActor(ctx, ROLES);
  const claim = await requireClaim(ctx, claimId);
  await decideAndRecord(ctx, actor, claimQuery(claim), { type: 'claim', id: claim.id }, [claim.insurerId, claim.submittedBy]);
  return sortedCopy(claim);
}

export async function readClaim(ctx: Context, claimId: string): Promise<ClaimWithDetails> {
  const actor = await requireActor(ctx, ROLES);
  const claim = await requireClaim(ctx, claimId);
  const query = claimQuery(claim);
  const decision = await decideAccess(ctx, actor, query);
  const details = await readPatientPrivate<ClaimDetails>(ctx, claim.patientId, objectKey(ctx, CLAIM_DETAILS_TYPE, [claim.id]), `claim ${claim.id}`);
  if (details === undefined) {
    throw new ChaincodeError('NOT_FOUND', `the details of claim ${claim.id} are not available on this peer`);
  }
  await recordAccess(ctx, actor, query, decision, { type: 'claim', id: claim.id });
  emitEvent(ctx, 'readClaim', { claimId: claim.id, accessorId: actor.stakeholderId, at: txTimeIso(ctx) });
  return sortedCopy({ claim, details: details.details });
}

export async function listClaimsByPolicy(ctx: Context, policyId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Claim>> {
  const actor = await requireActor(ctx, ROLES);
  const filter = statusFilter<ClaimStatus>(status, CLAIM_STATUSES);
  const policy = await requirePolicy(ctx, policyId);
  const query: AccessQuery = { patientId: policy.patientId, action: 'view', category: 'billing' };
  const decision = actor.stakeholderId === policy.insurerId ? partyDecision(ctx, actor) : await decideAccess(ctx, actor, query);
  const page = await pageViaIndex<Claim>(ctx, CLAIM_BY_POLICY_INDEX, [policy.id, ...filter], CLAIM_TYPE, pageSize, bookmark, pagingFor(decision));
  await recordListRead(ctx, actor, 'claims', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listClaimsByInsurer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<Claim>> {
  const insurer = await requireActor(ctx, ['insurer']);
  const filter = statusFilter<ClaimStatus>(status, CLAIM_STATUSES);
  const page = await pageViaIndex<Claim>(ctx, CLAIM_BY_INSURER_INDEX, [insurer.stakeholderId, ...filter], CLAIM_TYPE, pageSize, bookmark, 'logged');
  await recordPartyList(ctx, insurer, 'claims', 'billing', page.items);
  return sortedCopy(page);
}

/** The claim, if the caller is the insurer of its policy. */
async function insurerClaim(ctx: Context, claimId: string): Promise<Claim> {
  const actor = await requireActor(ctx, ['insurer']);
  const claim = await requireClaim(ctx, claimId);
  if (claim.insurerId !== actor.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `claim ${claim.id} is against another insurer's policy`);
  }
  return claim;
}

/** A denied or paid claim ends its workflow, and with it the insurer's grant on the claim. */
async function endGrantIfFinal(ctx: Context, claim: Claim): Promise<void> {
  if (claim.status === 'denied' || claim.status === 'paid') {
    await endWorkflowGrant(ctx, claim.workflowGrantId, claim.status);
  }
}
