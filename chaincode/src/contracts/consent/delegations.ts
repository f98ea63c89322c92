import type { Context } from 'fabric-contract-api';
import type { Delegation, DelegationView, Page } from '../../contract';
import { requireActiveStakeholder, requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, viewsAt } from '../../lib/indexed-page';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, readObject, requireObjectById, writeIndex, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireInstant, requireStakeholderId } from '../../lib/validation';
import { DELEGATION_BY_DELEGATE_INDEX, DELEGATION_BY_PATIENT_INDEX, DELEGATION_CURRENT_TYPE, DELEGATION_TYPE, type DelegationPointer } from '../../models/delegation';
import { isWithinWindow, requireValidityWindow } from '../../models/grant';
import { PATIENT } from './parties';

/* Delegations: a patient lets a trusted person act for them, until a date or until revoked. */

function delegationView(delegation: Delegation, now: string): DelegationView {
  const inForce = isWithinWindow(delegation, now);
  const effectiveStatus = delegation.status === 'revoked' ? 'revoked' : inForce ? 'active' : 'expired';
  return { ...delegation, effectiveStatus };
}

/** The delegation, if the caller is its patient or its delegate; `doing` names the refused act. */
async function requireOwnDelegation(ctx: Context, actor: Actor, delegationId: string, doing: string): Promise<Delegation> {
  const delegation = await requireObjectById<Delegation>(ctx, DELEGATION_TYPE, 'delegationId', delegationId, 'delegation');
  if (actor.stakeholderId !== delegation.patientId && actor.stakeholderId !== delegation.delegateId) {
    throw new ChaincodeError('NOT_OWNER', `only ${delegation.patientId} or the delegate may ${doing} delegation ${delegationId}`);
  }
  return delegation;
}

/** Refuses a second delegation to the same person while the current one is in force. */
async function requireNoneInForce(ctx: Context, pointerKey: string, delegateId: string, now: string): Promise<void> {
  const pointer = await readObject<DelegationPointer>(ctx, pointerKey);
  if (pointer === undefined) {
    return;
  }
  const existing = await readObject<Delegation>(ctx, objectKey(ctx, DELEGATION_TYPE, [pointer.delegationId]));
  if (existing !== undefined && existing.status === 'active' && isWithinWindow(existing, now)) {
    throw new ChaincodeError('ALREADY_EXISTS', `delegation ${existing.id} to ${delegateId} is in force until ${existing.validUntil}`);
  }
}

export async function grantDelegation(ctx: Context, delegateId: string, validUntil: string): Promise<DelegationView> {
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
  await requireNoneInForce(ctx, pointerKey, delegateId, now);
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

export async function revokeDelegation(ctx: Context, delegationId: string): Promise<DelegationView> {
  const actor = await requireActor(ctx, PATIENT);
  const delegation = await requireOwnDelegation(ctx, actor, delegationId, 'revoke');
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

export async function getDelegation(ctx: Context, delegationId: string): Promise<DelegationView> {
  const actor = await requireActor(ctx, PATIENT);
  const delegation = await requireOwnDelegation(ctx, actor, delegationId, 'read');
  return sortedCopy(delegationView(delegation, txTimeIso(ctx)));
}

/** The delegations the caller gave ('patient') or holds ('delegate'). */
export async function listOwnDelegations(ctx: Context, side: 'patient' | 'delegate', pageSize: number, bookmark: string): Promise<Page<DelegationView>> {
  const actor = await requireActor(ctx, PATIENT);
  const index = side === 'patient' ? DELEGATION_BY_PATIENT_INDEX : DELEGATION_BY_DELEGATE_INDEX;
  return viewsAt(ctx, await pageViaIndex<Delegation>(ctx, index, [actor.stakeholderId], DELEGATION_TYPE, pageSize, bookmark), delegationView);
}
