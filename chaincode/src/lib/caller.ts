import type { Context } from 'fabric-contract-api';
import { CERTIFICATE_ATTRIBUTES, ROLE_ISSUING_MSP, STAKEHOLDER_ID_PATTERN, isRole, type Role } from '../contract';
import { ChaincodeError } from './errors';

const { role: ROLE_ATTRIBUTE, stakeholderId: ID_ATTRIBUTE } = CERTIFICATE_ATTRIBUTES;

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
