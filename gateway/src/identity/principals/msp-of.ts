import { ROLE_ISSUING_MSP } from '@medledger/chaincode/client';
import type { MspId, Role } from './principal';

/** The MSP whose CA issues this role (the chaincode's table), narrowed to the two MedLedger MSPs. */
export function mspOf(role: Role): MspId {
  const mspId = ROLE_ISSUING_MSP[role];
  if (mspId !== 'ProvidersMSP' && mspId !== 'PayersMSP') {
    throw new Error(`role ${role} is issued by unknown MSP ${mspId}`);
  }
  return mspId;
}
