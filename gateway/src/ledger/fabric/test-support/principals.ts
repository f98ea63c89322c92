import { randomBytes } from 'node:crypto';
import { ROLE_ISSUING_MSP } from '@medledger/chaincode/client';
import { base32 } from '../../../platform/encoding';
import type { MspId, Principal, Role } from '../../../identity/principals/principal';

const PREFIXES: Record<Role, string> = { patient: 'pat', doctor: 'doc', hospital: 'hos', pharmacy: 'pha', insurer: 'ins', regulator: 'reg', admin: 'adm' };

/** A fresh principal with unique IDs, so every test owns its data. */
export function newPrincipal(role: Role = 'patient', overrides: Partial<Principal> = {}): Principal {
  const suffix = randomBytes(8).toString('hex');
  return {
    id: `prn_${base32(randomBytes(16))}`,
    kind: 'person',
    role,
    stakeholderId: `${PREFIXES[role]}-${suffix}`,
    mspId: ROLE_ISSUING_MSP[role] as MspId,
    displayName: `Test ${role}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
