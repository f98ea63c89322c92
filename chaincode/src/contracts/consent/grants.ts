import type { Context } from 'fabric-contract-api';
import { MAX_VALIDITY_DAYS, PROFESSIONAL_ROLES, type AccessAction, type Grant, type GrantScope, type GrantView, type GrantWorkflow, type Page, type PurposeOfUse, type Stakeholder } from '../../contract';
import { requireActsForPatient } from '../../lib/access-decision';
import { requireActiveStakeholder, requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, viewsAt } from '../../lib/indexed-page';
import { requirePatientRecords } from '../../lib/patient-records';
import { requirePurpose } from '../../lib/purposes';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObjectById, writeIndex, writeObject } from '../../lib/state';
import { addSeconds, txTimeIso } from '../../lib/time';
import { requireInstant, requireStakeholderId } from '../../lib/validation';
import {
  GRANT_BY_GRANTEE_INDEX,
  GRANT_BY_PATIENT_GRANTEE_INDEX,
  GRANT_TYPE,
  createGrant,
  grantEffectiveStatus,
  parseActions,
  parseScope,
  type NewGrant,
} from '../../models/grant';
import { DATA_ACCESSORS, PATIENT } from './parties';

/* Consent grants: issuing (by the patient or a delegate), revoking, reading and listing. */

/** The arguments of Consent:grant and Consent:grantFor after the patient. */
export interface GrantArguments {
  granteeId: string;
  actionsJson: string;
  scopeJson: string;
  purpose: string;
  validFrom: string;
  validUntil: string;
}

async function readGrant(ctx: Context, grantId: string): Promise<Grant> {
  return requireObjectById<Grant>(ctx, GRANT_TYPE, 'grantId', grantId, 'grant');
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
export async function requireScopeOfPatient(ctx: Context, patientId: string, scope: GrantScope): Promise<void> {
  if (scope.recordIds !== undefined) {
    await requirePatientRecords(ctx, patientId, scope.recordIds);
  }
}

/**
 * Creates and stores a new active grant (its window checked against now): the one way a grant
 * comes to exist, granted directly or by approving a request. The caller announces it.
 */
export async function storeNewGrant(ctx: Context, input: Omit<NewGrant, 'id'>): Promise<Grant> {
  const grant = createGrant({ id: newObjectId(ctx, 'grant'), ...input }, txTimeIso(ctx));
  await saveGrant(ctx, grant);
  return grant;
}

/** A grant as a transaction returns it. */
export function grantResult(grant: Grant, now: string): GrantView {
  return sortedCopy(grantView(grant, now));
}

/** Emits the grant's event under the transaction's name and returns the grant's view. */
function announce(ctx: Context, transactionName: string, grant: Grant, now: string): GrantView {
  emitEvent(ctx, transactionName, grantEventPayload(grant, now));
  return grantResult(grant, now);
}

/** grant and grantFor: validate everything, check who acts and for whom, then write once. */
export async function issueGrant(ctx: Context, transactionName: string, patientId: string | undefined, args: GrantArguments): Promise<GrantView> {
  const actor = await requireActor(ctx, PATIENT);
  const forPatient = requireStakeholderId('patientId', patientId ?? actor.stakeholderId);
  const granteeId = requireStakeholderId('granteeId', args.granteeId);
  const actions = parseActions('actionsJson', args.actionsJson);
  const scope = parseScope('scopeJson', args.scopeJson);
  const purpose = requirePurpose(args.purpose);
  const validFrom = requireInstant('validFrom', args.validFrom);
  const validUntil = requireInstant('validUntil', args.validUntil);
  await requireActsForPatient(ctx, actor, forPatient);
  const grantee = await requireActiveStakeholder(ctx, granteeId, PROFESSIONAL_ROLES);
  await requireScopeOfPatient(ctx, forPatient, scope);
  const grant = await storeNewGrant(ctx, {
    patientId: forPatient,
    granteeId,
    granteeRole: grantee.role,
    actions,
    scope,
    purpose,
    validFrom,
    validUntil,
    createdBy: actor.stakeholderId,
  });
  return announce(ctx, transactionName, grant, txTimeIso(ctx));
}

export async function revokeGrant(ctx: Context, grantId: string): Promise<GrantView> {
  const actor = await requireActor(ctx, PATIENT);
  const grant = await readGrant(ctx, grantId);
  await requireActsForPatient(ctx, actor, grant.patientId);
  if (grant.status !== 'active') {
    throw new ChaincodeError('INVALID_STATE', `grant ${grantId} is already ${grant.status}`);
  }
  const now = txTimeIso(ctx);
  const revoked: Grant = { ...grant, status: 'revoked', revokedBy: actor.stakeholderId, revokedAt: now, updatedAt: now };
  await saveGrant(ctx, revoked);
  return announce(ctx, 'revoke', revoked, now);
}

export async function getGrant(ctx: Context, grantId: string): Promise<GrantView> {
  const actor = await requireActor(ctx, DATA_ACCESSORS);
  const grant = await readGrant(ctx, grantId);
  if (actor.stakeholderId !== grant.granteeId) {
    await requireActsForPatient(ctx, actor, grant.patientId);
  }
  return grantResult(grant, txTimeIso(ctx));
}

export async function listGrantsByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<GrantView>> {
  const actor = await requireActor(ctx, PATIENT);
  requireStakeholderId('patientId', patientId);
  await requireActsForPatient(ctx, actor, patientId);
  return viewsAt(ctx, await pageViaIndex<Grant>(ctx, GRANT_BY_PATIENT_GRANTEE_INDEX, [patientId], GRANT_TYPE, pageSize, bookmark), grantView);
}

export async function listGrantsByGrantee(ctx: Context, pageSize: number, bookmark: string): Promise<Page<GrantView>> {
  const actor = await requireActor(ctx, PROFESSIONAL_ROLES);
  return viewsAt(ctx, await pageViaIndex<Grant>(ctx, GRANT_BY_GRANTEE_INDEX, [actor.stakeholderId], GRANT_TYPE, pageSize, bookmark), grantView);
}

/** What a care workflow's own grant is: one action on the records its object names, for one purpose. */
export interface WorkflowGrantInput {
  patientId: string;
  /** The workflow's other party, as its object names it (whether it is still active is judged at each access). */
  grantee: Pick<Stakeholder, 'id' | 'role'>;
  action: AccessAction;
  recordIds: string[];
  purpose: PurposeOfUse;
  workflow: Pick<GrantWorkflow, 'type' | 'id'>;
}

/**
 * The narrow grant a care workflow creates in the transaction where the patient acts (booking,
 * ordering, paying, applying, claiming): an ordinary grant, listed, read and revoked like any
 * other, whose `workflow` names the object it serves. The window is the longest a grant may have;
 * the grant ends well before that, with its workflow (endWorkflowGrant). Its record IDs name the
 * workflow's own objects (checked by the workflow), or a file the workflow plans, which need not
 * exist yet. The workflow's own event announces it: a transaction keeps only one event.
 */
export async function createWorkflowGrant(ctx: Context, input: WorkflowGrantInput): Promise<Grant> {
  const now = txTimeIso(ctx);
  return storeNewGrant(ctx, {
    patientId: input.patientId,
    granteeId: input.grantee.id,
    granteeRole: input.grantee.role,
    actions: [input.action],
    scope: { recordIds: [...new Set(input.recordIds)].sort() },
    purpose: input.purpose,
    validFrom: now,
    validUntil: addSeconds(now, MAX_VALIDITY_DAYS * 24 * 60 * 60),
    createdBy: input.patientId,
    workflow: { type: input.workflow.type, id: input.workflow.id },
  });
}

/**
 * Ends a workflow's grant because its workflow ended with `outcome` (the object's final status):
 * status 'ended', with the outcome and the time on its workflow reference, so the patient sees
 * why it stopped. A grant the patient already revoked, or one already ended, is left as it is.
 */
export async function endWorkflowGrant(ctx: Context, grantId: string | undefined, outcome: string): Promise<void> {
  if (grantId === undefined) {
    return;
  }
  const grant = await readGrant(ctx, grantId);
  if (grant.status !== 'active' || grant.workflow === undefined) {
    return;
  }
  const now = txTimeIso(ctx);
  await saveGrant(ctx, { ...grant, status: 'ended', updatedAt: now, workflow: { ...grant.workflow, outcome, endedAt: now } });
}
