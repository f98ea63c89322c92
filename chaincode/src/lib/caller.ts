import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from './errors';
import { ROLE_ISSUING_MSP, isRole, type Role } from './roles';
import { STAKEHOLDER_ID_PATTERN } from './validation';

/** Certificate attributes fabric-ca writes into enrollment certificates (":ecert"). */
export const ROLE_ATTRIBUTE = 'medledger.role';
export const ID_ATTRIBUTE = 'medledger.id';

/** Who is calling, taken only from the client certificate, never from arguments. */
export interface Caller {
  readonly mspId: string;
  readonly role: Role;
  readonly stakeholderId: string;
}

export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID();
  const role = identity.getAttributeValue(ROLE_ATTRIBUTE);
  const stakeholderId = identity.getAttributeValue(ID_ATTRIBUTE);
  if (role === null || !isRole(role)) {
    throw new ChaincodeError('IDENTITY_INVALID', `certificate has no valid ${ROLE_ATTRIBUTE} attribute`);
  }
  if (stakeholderId === null || !STAKEHOLDER_ID_PATTERN.test(stakeholderId)) {
    throw new ChaincodeError('IDENTITY_INVALID', `certificate has no valid ${ID_ATTRIBUTE} attribute`);
  }
  if (ROLE_ISSUING_MSP[role] !== mspId) {
    throw new ChaincodeError('IDENTITY_INVALID', `role ${role} cannot be issued by ${mspId}`);
  }
  return { mspId, role, stakeholderId };
}
