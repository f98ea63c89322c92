import type { Context } from 'fabric-contract-api';
import { RESOURCE_TYPE_PATTERN, type AccessBasis, type AccessLogEntry } from '../contract';
import { ACCESS_COUNTER_TYPE, ACCESS_LOG_TYPE } from '../models/access-log-entry';
import type { AccessDecision, AccessQuery } from './access-decision';
import type { Caller } from './caller';
import { ChaincodeError } from './errors';
import { newObjectId } from './ids';
import { sha256Hex } from './sha256';
import { statedPurpose } from './purposes';
import { objectKey, writeObject } from './state';
import { txTimeIso } from './time';
import { requireObjectId } from './validation';

export interface AccessedResource {
  /** What kind of object was read, e.g. 'prescription', 'file', 'record'. */
  type: string;
  id: string;
}

/** Key of one delta-counter entry of an allowed access; `day` is a UTC date (YYYY-MM-DD). */
export function accessCounterParts(day: string, entry: AccessLogEntry & { basis: AccessBasis }): string[] {
  return [day, entry.basis, entry.accessorRole, entry.id];
}

/**
 * Records one access to a patient's protected data, with the purpose the caller stated (transient
 * field, else the role's default): an entry in the patient's time-ordered log and
 * a delta counter for the regulator's daily statistics. Call it, after decideAccess, from every
 * submitted transaction that reads or edits protected data. It emits no event: the calling
 * transaction emits its own single event. Several calls in one transaction for different
 * resources get distinct entries (the ID includes a digest of the resource and action).
 */
export async function recordAccess(
  ctx: Context,
  actor: Caller,
  query: AccessQuery,
  decision: AccessDecision,
  resource: AccessedResource,
): Promise<AccessLogEntry> {
  if (!RESOURCE_TYPE_PATTERN.test(resource.type)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'resource type must be 2-32 letters, digits or dashes, starting with a letter');
  }
  requireObjectId('resource id', resource.id);
  const at = txTimeIso(ctx);
  const digest = sha256Hex(`${resource.type}\u0000${resource.id}\u0000${query.action}\u0000${query.category}`).slice(0, 8);
  const entry: AccessLogEntry & { basis: AccessBasis } = {
    id: newObjectId(ctx, 'log', `-${digest}`),
    patientId: query.patientId,
    accessorId: actor.stakeholderId,
    accessorRole: actor.role,
    action: query.action,
    category: query.category,
    recordId: query.recordId,
    resourceType: resource.type,
    resourceId: resource.id,
    basis: decision.basis,
    outcome: 'allowed',
    purpose: statedPurpose(ctx, actor.role),
    grantId: decision.grantId,
    delegationId: decision.delegationId,
    breakGlassId: decision.breakGlassId,
    at,
    txId: ctx.stub.getTxID(),
  };
  await writeObject(ctx, objectKey(ctx, ACCESS_LOG_TYPE, [entry.patientId, at, entry.id]), entry);
  await writeObject(ctx, objectKey(ctx, ACCESS_COUNTER_TYPE, accessCounterParts(at.slice(0, 10), entry)), { delta: 1 });
  return entry;
}
