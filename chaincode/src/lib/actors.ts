import type { Context } from 'fabric-contract-api';
import type { Role, Stakeholder } from '../contract';
import { STAKEHOLDER_TYPE } from '../models/stakeholder';
import { callerOf, type Caller } from './caller';
import { ChaincodeError } from './errors';
import { objectKey, readObject } from './state';

/** A caller whose certificate and on-chain stakeholder record both allow it to act. */
export interface Actor extends Caller {
  readonly record: Stakeholder;
}

export function stakeholderKey(ctx: Context, stakeholderId: string): string {
  return objectKey(ctx, STAKEHOLDER_TYPE, [stakeholderId]);
}

export async function readStakeholder(ctx: Context, stakeholderId: string): Promise<Stakeholder | undefined> {
  return readObject<Stakeholder>(ctx, stakeholderKey(ctx, stakeholderId));
}

/**
 * The gate in front of every transaction that acts in a role: the certificate's role must be
 * allowed, and the stakeholder must be registered, verified (professionals) and not suspended.
 */
export async function requireActor(ctx: Context, allowedRoles: readonly Role[]): Promise<Actor> {
  const caller = callerOf(ctx);
  if (!allowedRoles.includes(caller.role)) {
    throw new ChaincodeError('ROLE_FORBIDDEN', `role ${caller.role} may not do this; allowed: ${allowedRoles.join(', ')}`);
  }
  const record = await readStakeholder(ctx, caller.stakeholderId);
  if (record === undefined) {
    throw new ChaincodeError('NOT_REGISTERED', `stakeholder ${caller.stakeholderId} has not registered`);
  }
  if (record.role !== caller.role) {
    throw new ChaincodeError('IDENTITY_INVALID', `certificate role ${caller.role} differs from registered role ${record.role}`);
  }
  if (record.status === 'pending') {
    throw new ChaincodeError('NOT_VERIFIED', `${record.role} ${record.id} is awaiting verification`);
  }
  if (record.status === 'suspended') {
    throw new ChaincodeError('SUSPENDED', `${record.role} ${record.id} is suspended`);
  }
  return { ...caller, record };
}

/** Resolves a stakeholder who is the target of an action (a grantee, a provider, a pharmacy). */
export async function requireActiveStakeholder(ctx: Context, stakeholderId: string, roles: readonly Role[]): Promise<Stakeholder> {
  const record = await readStakeholder(ctx, stakeholderId);
  if (record === undefined) {
    throw new ChaincodeError('NOT_FOUND', `stakeholder ${stakeholderId} does not exist`);
  }
  if (!roles.includes(record.role)) {
    throw new ChaincodeError('INVALID_ARGUMENT', `stakeholder ${stakeholderId} is a ${record.role}; expected ${roles.join(' or ')}`);
  }
  if (record.status !== 'active') {
    throw new ChaincodeError(record.status === 'pending' ? 'NOT_VERIFIED' : 'SUSPENDED', `stakeholder ${stakeholderId} is ${record.status}`);
  }
  return record;
}
