import {
  ACCESS_ACTIONS,
  DATA_CATEGORIES,
  MAX_SCOPE_RECORD_IDS,
  MAX_VALIDITY_DAYS,
  type AccessAction,
  type Grant,
  type GrantEffectiveStatus,
  type GrantScope as Scope,
} from '../contract';
import { ChaincodeError } from '../lib/errors';
import { parseJsonArgument, requireObjectId, requireRecord, requireSubset } from '../lib/validation';

export type { Grant } from '../contract';

export const GRANT_TYPE = 'grant';
/** Lookup of a grantee's grants for one patient: the access decision reads only this pair's keys. */
export const GRANT_BY_PATIENT_GRANTEE_INDEX = 'grant~patient~grantee~grantId';
/** A professional's own grants, across patients. */
export const GRANT_BY_GRANTEE_INDEX = 'grant~grantee~patient~grantId';

const DAY_MS = 24 * 60 * 60 * 1000;

export function parseActions(field: string, raw: string): AccessAction[] {
  return requireSubset(field, parseJsonArgument(field, raw), ACCESS_ACTIONS);
}

export function parseScope(field: string, raw: string): Scope {
  const value = requireRecord(parseJsonArgument(field, raw), `${field} must be {"categories":[...]} or {"recordIds":[...]}`);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'categories') {
    return { categories: requireSubset(`${field}.categories`, value.categories, DATA_CATEGORIES) };
  }
  if (keys.length === 1 && keys[0] === 'recordIds') {
    return { recordIds: requireScopeRecordIds(`${field}.recordIds`, value.recordIds) };
  }
  throw new ChaincodeError('INVALID_ARGUMENT', `${field} must have exactly one key: "categories" or "recordIds"`);
}

/** 1-MAX_SCOPE_RECORD_IDS distinct object IDs, sorted. */
export function requireScopeRecordIds(field: string, ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_SCOPE_RECORD_IDS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must list 1-${MAX_SCOPE_RECORD_IDS} record IDs`);
  }
  const checked = ids.map((id: unknown) => requireObjectId(field, typeof id === 'string' ? id : ''));
  if (new Set(checked).size !== checked.length) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must not repeat values`);
  }
  return checked.sort();
}

/**
 * Checks a validity window against the transaction time `now` (all ISO instants): it must end
 * after it starts and after now, last at most MAX_VALIDITY_DAYS, and not start more than that far
 * ahead. A start in the past is accepted: access is always judged at transaction time anyway.
 */
export function requireValidityWindow(validFrom: string, validUntil: string, now: string): void {
  const from = Date.parse(validFrom);
  const until = Date.parse(validUntil);
  const at = Date.parse(now);
  if (until <= from) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'validUntil must be after validFrom');
  }
  if (until <= at) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'validUntil must be in the future');
  }
  if (until - Math.max(from, at) > MAX_VALIDITY_DAYS * DAY_MS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `a validity window may last at most ${MAX_VALIDITY_DAYS} days`);
  }
  if (from - at > MAX_VALIDITY_DAYS * DAY_MS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `validFrom may be at most ${MAX_VALIDITY_DAYS} days ahead`);
  }
}

export type NewGrant = Omit<Grant, 'status' | 'createdAt' | 'updatedAt' | 'revokedBy' | 'revokedAt'>;

/** A new active grant; inputs are already validated, the window is checked against `now`. */
export function createGrant(input: NewGrant, now: string): Grant {
  requireValidityWindow(input.validFrom, input.validUntil, now);
  if (input.patientId === input.granteeId) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'a patient cannot be the grantee of their own data');
  }
  return { ...input, status: 'active', createdAt: now, updatedAt: now };
}

export function isWithinWindow(window: { validFrom: string; validUntil: string }, now: string): boolean {
  const at = Date.parse(now);
  return Date.parse(window.validFrom) <= at && at < Date.parse(window.validUntil);
}

export function grantEffectiveStatus(grant: Grant, now: string): GrantEffectiveStatus {
  if (grant.status !== 'active') {
    return grant.status;
  }
  const at = Date.parse(now);
  if (at < Date.parse(grant.validFrom)) {
    return 'not-yet-valid';
  }
  return at >= Date.parse(grant.validUntil) ? 'expired' : 'active';
}

/** True when every action and scope entry of `approved` is also in `requested` (partial approval). */
export function isNarrowerOrEqual(
  requested: { actions: AccessAction[]; scope: Scope },
  approved: { actions: AccessAction[]; scope: Scope },
): boolean {
  const actionsOk = approved.actions.every((action) => requested.actions.includes(action));
  if (requested.scope.categories !== undefined) {
    const allowed: readonly string[] = requested.scope.categories;
    return actionsOk && approved.scope.categories !== undefined && approved.scope.categories.every((c) => allowed.includes(c));
  }
  const allowed: readonly string[] = requested.scope.recordIds;
  return actionsOk && approved.scope.recordIds !== undefined && approved.scope.recordIds.every((id) => allowed.includes(id));
}
