import type { Context } from 'fabric-contract-api';
import { refusedAccessTag, type AccessAction, type AccessDecision, type DataCategory, type Delegation, type Grant } from '../contract';
import { BREAK_GLASS_CURRENT_TYPE, type BreakGlassPointer } from '../models/break-glass';
import { DELEGATION_CURRENT_TYPE, DELEGATION_TYPE, type DelegationPointer } from '../models/delegation';
import { GRANT_BY_PATIENT_GRANTEE_INDEX, GRANT_TYPE, isWithinWindow } from '../models/grant';
import type { Actor } from './actors';
import { requireAction, requireCategory } from './categories';
import { ChaincodeError } from './errors';
import { idsUnder, objectKey, readObject } from './state';
import { txTimeIso } from './time';
import { requireObjectId, requireStakeholderId } from './validation';

export type { AccessAction, AccessDecision } from '../contract';

export interface AccessQuery {
  patientId: string;
  action: AccessAction;
  category: DataCategory;
  recordId?: string;
}

/** The delegation through which `delegateId` currently acts for `patientId`, if any. */
export async function currentDelegation(ctx: Context, patientId: string, delegateId: string): Promise<Delegation | undefined> {
  const pointer = await readObject<DelegationPointer>(ctx, objectKey(ctx, DELEGATION_CURRENT_TYPE, [patientId, delegateId]));
  if (pointer === undefined) {
    return undefined;
  }
  const delegation = await readObject<Delegation>(ctx, objectKey(ctx, DELEGATION_TYPE, [pointer.delegationId]));
  if (delegation === undefined || delegation.status !== 'active' || !isWithinWindow(delegation, txTimeIso(ctx))) {
    return undefined;
  }
  return delegation;
}

/** The break-glass window `doctorId` has open for `patientId` at transaction time, if any. */
export async function currentBreakGlass(ctx: Context, patientId: string, doctorId: string): Promise<BreakGlassPointer | undefined> {
  const pointer = await readObject<BreakGlassPointer>(ctx, objectKey(ctx, BREAK_GLASS_CURRENT_TYPE, [patientId, doctorId]));
  if (pointer === undefined || Date.parse(pointer.expiresAt) <= Date.parse(txTimeIso(ctx))) {
    return undefined;
  }
  return pointer;
}

/**
 * Who may manage a patient's consent: the patient, or a person with a delegation in force.
 * Anyone else is refused with NOT_OWNER.
 */
export async function requireActsForPatient(
  ctx: Context,
  actor: Actor,
  patientId: string,
): Promise<{ basis: 'owner' | 'delegate'; delegationId?: string }> {
  if (actor.stakeholderId === patientId) {
    return { basis: 'owner' };
  }
  const delegation = actor.role === 'patient' ? await currentDelegation(ctx, patientId, actor.stakeholderId) : undefined;
  if (delegation === undefined) {
    throw new ChaincodeError('NOT_OWNER', `${actor.stakeholderId} is neither patient ${patientId} nor an active delegate of them`);
  }
  return { basis: 'delegate', delegationId: delegation.id };
}

function grantCovers(grant: Grant, actorId: string, query: AccessQuery, now: string): boolean {
  if (grant.status !== 'active' || grant.granteeId !== actorId || grant.patientId !== query.patientId) {
    return false;
  }
  if (!isWithinWindow(grant, now) || !grant.actions.includes(query.action)) {
    return false;
  }
  if (grant.scope.categories !== undefined) {
    return grant.scope.categories.includes(query.category);
  }
  return query.recordId !== undefined && grant.scope.recordIds.includes(query.recordId);
}

/** The first grant (in key order, so every endorser picks the same one) that covers the query. */
async function coveringGrant(ctx: Context, actorId: string, query: AccessQuery, now: string): Promise<Grant | undefined> {
  for (const grantId of await idsUnder(ctx, GRANT_BY_PATIENT_GRANTEE_INDEX, [query.patientId, actorId])) {
    const grant = await readObject<Grant>(ctx, objectKey(ctx, GRANT_TYPE, [grantId]));
    if (grant !== undefined && grantCovers(grant, actorId, query, now)) {
      return grant;
    }
  }
  return undefined;
}

function requireValidQuery(query: AccessQuery): void {
  requireStakeholderId('patientId', query.patientId);
  requireAction('action', query.action);
  requireCategory('category', query.category);
  if (query.recordId !== undefined) {
    requireObjectId('recordId', query.recordId);
  }
}

/** Access as the patient or as one of their delegates in force; undefined for anyone else. */
async function patientOrDelegate(ctx: Context, actor: Actor, patientId: string): Promise<AccessDecision | undefined> {
  if (actor.role !== 'patient') {
    return undefined;
  }
  if (actor.stakeholderId === patientId) {
    return { basis: 'owner' };
  }
  const delegation = await currentDelegation(ctx, patientId, actor.stakeholderId);
  return delegation === undefined ? undefined : { basis: 'delegate', delegationId: delegation.id };
}

/** Access through an active grant covering the query, or else a doctor's open break-glass window (view only). */
async function grantOrBreakGlass(ctx: Context, actor: Actor, query: AccessQuery): Promise<AccessDecision | undefined> {
  const grant = await coveringGrant(ctx, actor.stakeholderId, query, txTimeIso(ctx));
  if (grant !== undefined) {
    return { basis: 'grant', grantId: grant.id };
  }
  if (actor.role !== 'doctor' || query.action !== 'view') {
    return undefined;
  }
  const window = await currentBreakGlass(ctx, query.patientId, actor.stakeholderId);
  return window === undefined ? undefined : { basis: 'break-glass', breakGlassId: window.breakGlassId };
}

/**
 * The one access decision for patient data; every read or write path calls it. Access is granted
 * to the patient ('owner'), a delegate in force ('delegate'), a grantee whose active grant covers
 * action and category or record at transaction time ('grant'), or a doctor with an open
 * break-glass window, view only ('break-glass'). Otherwise it throws CONSENT_REQUIRED, its message
 * tagged with the refused query (refusedAccessTag) so the client can record the refusal.
 * Grants are found through the (patient, grantee) index, so deciding never scans.
 */
export async function decideAccess(ctx: Context, actor: Actor, query: AccessQuery): Promise<AccessDecision> {
  requireValidQuery(query);
  const decision = (await patientOrDelegate(ctx, actor, query.patientId)) ?? (await grantOrBreakGlass(ctx, actor, query));
  if (decision !== undefined) {
    return decision;
  }
  const target = query.recordId === undefined ? query.category : `${query.category} record ${query.recordId}`;
  throw new ChaincodeError(
    'CONSENT_REQUIRED',
    `${actor.stakeholderId} has no consent to ${query.action} ${target} of patient ${query.patientId}${refusedAccessTag(query)}`,
  );
}
