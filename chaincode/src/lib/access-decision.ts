import type { Context } from 'fabric-contract-api';
import {
  categoryGrantReaches,
  DEFAULT_CONFIDENTIALITY,
  refusedAccessTag,
  type AccessAction,
  type AccessDecision,
  type Confidentiality,
  type DataCategory,
  type Delegation,
  type Grant,
  type MedicalFileHead,
  type PurposeOfUse,
} from '../contract';
import { BREAK_GLASS_CURRENT_TYPE, BREAK_GLASS_RECORD_TYPE, type BreakGlassPointer } from '../models/break-glass';
import { DELEGATION_CURRENT_TYPE, DELEGATION_TYPE, type DelegationPointer } from '../models/delegation';
import { GRANT_BY_PATIENT_GRANTEE_INDEX, GRANT_TYPE, isWithinWindow } from '../models/grant';
import type { Actor } from './actors';
import { requireAction, requireCategory } from './categories';
import { ChaincodeError } from './errors';
import { fileHeadKey } from './medical-files';
import { requirePurpose, statedPurpose } from './purposes';
import { idsUnder, objectKey, readObject } from './state';
import { txTimeIso } from './time';
import { requireObjectId, requireStakeholderId } from './validation';

export type { AccessAction, AccessDecision } from '../contract';

export interface AccessQuery {
  patientId: string;
  action: AccessAction;
  category: DataCategory;
  recordId?: string;
  /** The purpose this access states, when the path itself names it; otherwise the caller's statedPurpose. */
  purpose?: PurposeOfUse;
}

/** What the access states and what it touches, as the grant and break-glass checks weigh them. */
interface StatedAccess {
  purpose: PurposeOfUse;
  label: Confidentiality;
}

/** The one purpose a break-glass window serves. */
export const BREAK_GLASS_PURPOSE: PurposeOfUse = 'ETREAT';

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

/** Whether the doctor opened this record within break-glass window `breakGlassId` (a V record needs it). */
export async function breakGlassRecordOpened(ctx: Context, breakGlassId: string, recordId: string): Promise<boolean> {
  return (await readObject(ctx, objectKey(ctx, BREAK_GLASS_RECORD_TYPE, [breakGlassId, recordId]))) !== undefined;
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

/** The grant is in force for this grantee, patient, action and moment, whatever it covers. */
function grantInForce(grant: Grant, actorId: string, query: AccessQuery, now: string): boolean {
  if (grant.status !== 'active' || grant.granteeId !== actorId || grant.patientId !== query.patientId) {
    return false;
  }
  return isWithinWindow(grant, now) && grant.actions.includes(query.action);
}

/**
 * Whether the grant's scope reaches the queried data: a named record always; a category only for
 * category queries and for N records of it (an R or V record needs a grant that names it). A
 * category grant stopped by the label is a shortfall, named in the refusal.
 */
function scopeFit(grant: Grant, query: AccessQuery, label: Confidentiality): boolean | string {
  if (grant.scope.categories === undefined) {
    return query.recordId !== undefined && grant.scope.recordIds.includes(query.recordId);
  }
  if (!grant.scope.categories.includes(query.category)) {
    return false;
  }
  if (query.recordId === undefined || categoryGrantReaches(label)) {
    return true;
  }
  return `grant ${grant.id} covers ${query.category} as a category, and record ${query.recordId} is labelled ${label}: only a grant that names the record covers it`;
}

/** true when the grant covers the access, false when it is beside the point, or the shortfall to name in a refusal. */
function grantFit(grant: Grant, actorId: string, query: AccessQuery, access: StatedAccess, now: string): boolean | string {
  if (!grantInForce(grant, actorId, query, now)) {
    return false;
  }
  const scope = scopeFit(grant, query, access.label);
  if (scope !== true) {
    return scope;
  }
  return grant.purpose === access.purpose || `grant ${grant.id} covers ${grant.purpose}; this access states ${access.purpose}`;
}

/**
 * The first grant (in key order, so every endorser picks the same one) that covers the query, or
 * the shortfalls of the grants that came close (wrong purpose, a label beyond a category grant).
 */
async function coveringGrant(ctx: Context, actorId: string, query: AccessQuery, access: StatedAccess): Promise<Grant | string[]> {
  const now = txTimeIso(ctx);
  const shortfalls: string[] = [];
  for (const grantId of await idsUnder(ctx, GRANT_BY_PATIENT_GRANTEE_INDEX, [query.patientId, actorId])) {
    const grant = await readObject<Grant>(ctx, objectKey(ctx, GRANT_TYPE, [grantId]));
    const fit = grant === undefined ? false : grantFit(grant, actorId, query, access, now);
    if (fit === true && grant !== undefined) {
      return grant;
    }
    if (typeof fit === 'string') {
      shortfalls.push(fit);
    }
  }
  return shortfalls;
}

function requireValidQuery(query: AccessQuery): void {
  requireStakeholderId('patientId', query.patientId);
  requireAction('action', query.action);
  requireCategory('category', query.category);
  if (query.recordId !== undefined) {
    requireObjectId('recordId', query.recordId);
  }
  if (query.purpose !== undefined) {
    requirePurpose(query.purpose);
  }
}

/** Access as the patient or as one of their delegates in force (any purpose); undefined for anyone else. */
async function patientOrDelegate(ctx: Context, actor: Actor, patientId: string, purpose: PurposeOfUse): Promise<AccessDecision | undefined> {
  if (actor.role !== 'patient') {
    return undefined;
  }
  if (actor.stakeholderId === patientId) {
    return { basis: 'owner', purpose };
  }
  const delegation = await currentDelegation(ctx, patientId, actor.stakeholderId);
  return delegation === undefined ? undefined : { basis: 'delegate', delegationId: delegation.id, purpose };
}

/**
 * A doctor's open break-glass window, for viewing and for emergency treatment (ETREAT) only. A V
 * record needs more: the doctor opens that one record within the window with a second, separate
 * reason (openBreakGlassRecord). Returns the decision, the shortfall to name, or undefined when no
 * window applies.
 */
async function breakGlassFit(ctx: Context, actor: Actor, query: AccessQuery, access: StatedAccess): Promise<AccessDecision | string | undefined> {
  if (actor.role !== 'doctor' || query.action !== 'view') {
    return undefined;
  }
  const window = await currentBreakGlass(ctx, query.patientId, actor.stakeholderId);
  if (window === undefined) {
    return undefined;
  }
  if (access.purpose !== BREAK_GLASS_PURPOSE) {
    return `break-glass ${window.breakGlassId} covers ${BREAK_GLASS_PURPOSE} only; this access states ${access.purpose}`;
  }
  if (access.label === 'V' && query.recordId !== undefined && !(await breakGlassRecordOpened(ctx, window.breakGlassId, query.recordId))) {
    return `record ${query.recordId} is labelled V: break-glass ${window.breakGlassId} reaches it only once the doctor opens that record with its own, separate reason (Consent:openBreakGlassRecord)`;
  }
  return { basis: 'break-glass', breakGlassId: window.breakGlassId, purpose: access.purpose };
}

/** Access through an active grant covering the query, or else a doctor's open break-glass window; else the shortfalls. */
async function grantOrBreakGlass(ctx: Context, actor: Actor, query: AccessQuery, access: StatedAccess): Promise<AccessDecision | string[]> {
  const grant = await coveringGrant(ctx, actor.stakeholderId, query, access);
  if (!Array.isArray(grant)) {
    return { basis: 'grant', grantId: grant.id, purpose: access.purpose };
  }
  const breakGlass = await breakGlassFit(ctx, actor, query, access);
  if (breakGlass === undefined || typeof breakGlass === 'string') {
    return breakGlass === undefined ? grant : [...grant, breakGlass];
  }
  return breakGlass;
}

/**
 * The label of the record a query names: a medical file of this patient in this category carries
 * one (default N); every other record, and a category query, is N. Read here rather than passed
 * in, so no path (Consent:checkAccess included) can forget it.
 */
async function recordLabel(ctx: Context, query: AccessQuery): Promise<Confidentiality> {
  if (query.recordId === undefined) {
    return DEFAULT_CONFIDENTIALITY;
  }
  const head = await readObject<MedicalFileHead>(ctx, fileHeadKey(ctx, query.recordId));
  if (head === undefined || head.patientId !== query.patientId || head.category !== query.category) {
    return DEFAULT_CONFIDENTIALITY;
  }
  return head.confidentiality;
}

/**
 * The one access decision for patient data; every read or write path calls it. Access is granted
 * to the patient ('owner') or a delegate in force ('delegate') for any purpose; to a grantee whose
 * active grant covers action, category or record, and the stated purpose, at transaction time
 * ('grant'); or to a doctor with an open break-glass window, view only and for ETREAT only
 * ('break-glass'). The stated purpose is query.purpose when the path names one, else the caller's
 * statedPurpose (transient purposeOfUse, else the role's default). A category grant never covers
 * an R or V record (contract/confidentiality.ts). Otherwise it throws CONSENT_REQUIRED, naming
 * what fell short (a grant's other purpose, a record's label, break-glass's purpose), its message
 * tagged with the refused query (refusedAccessTag) so the client can record the refusal.
 * Grants are found through the (patient, grantee) index, so deciding never scans.
 */
export async function decideAccess(ctx: Context, actor: Actor, query: AccessQuery): Promise<AccessDecision> {
  requireValidQuery(query);
  const purpose = query.purpose ?? statedPurpose(ctx, actor.role);
  const owned = await patientOrDelegate(ctx, actor, query.patientId, purpose);
  if (owned !== undefined) {
    return owned;
  }
  const decision = await grantOrBreakGlass(ctx, actor, query, { purpose, label: await recordLabel(ctx, query) });
  if (!Array.isArray(decision)) {
    return decision;
  }
  const target = query.recordId === undefined ? query.category : `${query.category} record ${query.recordId}`;
  const because = decision.length === 0 ? '' : `: ${decision.join('; ')}`;
  throw new ChaincodeError(
    'CONSENT_REQUIRED',
    `${actor.stakeholderId} has no consent to ${query.action} ${target} of patient ${query.patientId} for ${purpose}${because}${refusedAccessTag(query)}`,
  );
}
