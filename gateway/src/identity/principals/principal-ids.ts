import { randomBytes } from 'node:crypto';
import { base32 } from '../../platform/encoding';
import type { Role } from './principal';

/** The prefix of each role's pseudonymous stakeholder ID, as the chaincode's examples use them. */
const STAKEHOLDER_PREFIX: Readonly<Record<Role, string>> = {
  patient: 'pat',
  doctor: 'doc',
  hospital: 'hos',
  pharmacy: 'pha',
  insurer: 'ins',
  regulator: 'reg',
  admin: 'adm',
};

/** 'prn_' + 26 base32 characters (128 random bits). */
export function newPrincipalId(): string {
  return `prn_${base32(randomBytes(16))}`;
}

/** e.g. 'pat-3f9a1c2e7b4d5a6b': the role's prefix and 64 random bits; reveals nothing about the person. */
export function newStakeholderId(role: Role): string {
  return `${STAKEHOLDER_PREFIX[role]}-${randomBytes(8).toString('hex')}`;
}
