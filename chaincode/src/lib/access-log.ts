import type { Context } from 'fabric-contract-api';
import {
  REFUSALS_BEFORE_NOTICE,
  REPEATED_REFUSALS_ALERT,
  RESOURCE_TYPE_PATTERN,
  type AccessBasis,
  type AccessLogEntry,
  type AccessRefusalCode,
} from '../contract';
import { ACCESS_COUNTER_TYPE, ACCESS_LOG_INDEXES, ACCESS_LOG_TYPE, REFUSAL_COUNTER_TYPE } from '../models/access-log-entry';
import type { AccessDecision, AccessQuery } from './access-decision';
import type { Caller } from './caller';
import { ChaincodeError } from './errors';
import { newObjectId } from './ids';
import { statedPurpose } from './purposes';
import { sha256Hex } from './sha256';
import { objectKey, writeIndex, writeObject } from './state';
import { txTimeIso } from './time';
import { requireObjectId } from './validation';

export interface AccessedResource {
  /** What kind of object was read, e.g. 'prescription', 'file', 'record'. */
  type: string;
  id: string;
}

/** The largest millisecond timestamp a position can hold (year 2286); positions count down from it. */
const LAST_POSITION_MILLIS = 9_999_999_999_999;
const POSITION_DIGITS = 13;

/**
 * Where an entry at `at` sorts in a newest-first key range: the milliseconds left until
 * LAST_POSITION_MILLIS, zero-padded to a fixed width, so a later entry has a smaller key and an
 * ascending scan (the only order composite-key queries have) lists newest first.
 */
export function newestFirstPosition(at: string): string {
  return String(LAST_POSITION_MILLIS - Date.parse(at)).padStart(POSITION_DIGITS, '0');
}

/** The key of an entry in its patient's log (the position and ID also end every index key of it). */
export function accessLogKey(ctx: Context, patientId: string, position: string, id: string): string {
  return objectKey(ctx, ACCESS_LOG_TYPE, [patientId, position, id]);
}

/** Key of one delta-counter entry of an allowed access; `day` is a UTC date (YYYY-MM-DD). */
export function accessCounterParts(day: string, entry: AccessLogEntry & { basis: AccessBasis }): string[] {
  return [day, entry.basis, entry.accessorRole, entry.id];
}

/** The entry, and one key per filter index, all ordered newest first within the patient's range. */
async function writeEntry(ctx: Context, entry: AccessLogEntry): Promise<void> {
  const position = newestFirstPosition(entry.at);
  await writeObject(ctx, accessLogKey(ctx, entry.patientId, position, entry.id), entry);
  for (const [field, indexType] of Object.entries(ACCESS_LOG_INDEXES) as [keyof typeof ACCESS_LOG_INDEXES, string][]) {
    await writeIndex(ctx, indexType, [entry.patientId, entry[field] ?? 'allowed', position, entry.id]);
  }
}

/** The fields every entry has, allowed or refused: who, what, which resource, when and why. */
function entryBase(ctx: Context, actor: Caller, query: AccessQuery, resource: AccessedResource): Omit<AccessLogEntry, 'outcome'> {
  if (!RESOURCE_TYPE_PATTERN.test(resource.type)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'resource type must be 2-32 letters, digits or dashes, starting with a letter');
  }
  requireObjectId('resource id', resource.id);
  const digest = sha256Hex(`${resource.type}\u0000${resource.id}\u0000${query.action}\u0000${query.category}`).slice(0, 8);
  return {
    id: newObjectId(ctx, 'log', `-${digest}`),
    patientId: query.patientId,
    accessorId: actor.stakeholderId,
    accessorRole: actor.role,
    action: query.action,
    category: query.category,
    recordId: query.recordId,
    resourceType: resource.type,
    resourceId: resource.id,
    purpose: statedPurpose(ctx, actor.role),
    at: txTimeIso(ctx),
    txId: ctx.stub.getTxID(),
  };
}

/**
 * Records one access to a patient's protected data, with the purpose the decision weighed
 * (decision.purpose: the caller's statedPurpose unless the path named one): an entry in the patient's newest-first log (and its filter
 * indexes) and a delta counter for the regulator's daily statistics. Call it, after decideAccess,
 * from every submitted transaction that reads or edits protected data. It emits no event: the
 * calling transaction emits its own single event. Several calls in one transaction for different
 * resources get distinct entries (the ID includes a digest of the resource and action).
 */
export async function recordAccess(
  ctx: Context,
  actor: Caller,
  query: AccessQuery,
  decision: AccessDecision,
  resource: AccessedResource,
): Promise<AccessLogEntry> {
  const entry: AccessLogEntry & { basis: AccessBasis } = {
    ...entryBase(ctx, actor, query, resource),
    // The purpose the decision weighed: the caller's stated purpose, or the one the path named.
    purpose: decision.purpose,
    basis: decision.basis,
    outcome: 'allowed',
    grantId: decision.grantId,
    delegationId: decision.delegationId,
    breakGlassId: decision.breakGlassId,
  };
  await writeEntry(ctx, entry);
  await writeObject(ctx, objectKey(ctx, ACCESS_COUNTER_TYPE, accessCounterParts(entry.at.slice(0, 10), entry)), { delta: 1 });
  return entry;
}

/**
 * How many refusals `accessorId` already had today on this patient's data, counted up to
 * REFUSALS_BEFORE_NOTICE only: the scan stops there, so it stays bounded however many there were.
 */
async function refusalsSoFar(ctx: Context, patientId: string, day: string, accessorId: string): Promise<number> {
  let seen = 0;
  const iterator = await ctx.stub.getStateByPartialCompositeKey(REFUSAL_COUNTER_TYPE, [patientId, day, accessorId]);
  try {
    for (let next = await iterator.next(); !next.done && seen < REFUSALS_BEFORE_NOTICE; next = await iterator.next()) {
      seen += 1;
    }
  } finally {
    await iterator.close();
  }
  return seen;
}

/** A refusal entry, and whether it is the day's REFUSALS_BEFORE_NOTICE-th from this accessor to this patient (the patient is then told). */
export interface RecordedRefusal {
  entry: AccessLogEntry;
  patientAlert?: typeof REPEATED_REFUSALS_ALERT;
}

/**
 * Records one refused access (the caller's own: the actor comes from the certificate) as an entry
 * with outcome 'refused' and its code, and a delta counter per (patient, UTC day, accessor). The
 * caller has already decided that the access is refused (AccessLog:recordRefusal).
 */
export async function recordRefusal(
  ctx: Context,
  actor: Caller,
  query: AccessQuery,
  refusalCode: AccessRefusalCode,
  resource: AccessedResource,
): Promise<RecordedRefusal> {
  const entry: AccessLogEntry = { ...entryBase(ctx, actor, query, resource), outcome: 'refused', refusalCode };
  await writeEntry(ctx, entry);
  const day = entry.at.slice(0, 10);
  const before = await refusalsSoFar(ctx, entry.patientId, day, entry.accessorId);
  await writeObject(ctx, objectKey(ctx, REFUSAL_COUNTER_TYPE, [entry.patientId, day, entry.accessorId, entry.id]), { delta: 1 });
  return before + 1 === REFUSALS_BEFORE_NOTICE ? { entry, patientAlert: REPEATED_REFUSALS_ALERT } : { entry };
}
