import { z } from 'zod';

/**
 * Stakeholder roles and the organisation allowed to issue each one. The role comes from the
 * certificate; checking it against the issuing MSP means one org's CA cannot mint another
 * org's professionals (a Payers CA issuing "doctor" certificates is refused).
 */
export const ROLES = ['patient', 'doctor', 'hospital', 'pharmacy', 'insurer', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must be verified by an admin or the regulator before they act. */
export const PROFESSIONAL_ROLES: readonly Role[] = ['doctor', 'hospital', 'pharmacy', 'insurer'];
/** Who may hold appointments with patients. */
export const PROVIDER_ROLES = ['doctor', 'hospital'] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];

export const ROLE_ISSUING_MSP: Readonly<Record<Role, string>> = {
  patient: 'ProvidersMSP',
  doctor: 'ProvidersMSP',
  hospital: 'ProvidersMSP',
  regulator: 'ProvidersMSP',
  admin: 'ProvidersMSP',
  pharmacy: 'PayersMSP',
  insurer: 'PayersMSP',
};

/** Attributes fabric-ca writes into enrollment certificates (":ecert"); the chaincode reads who is calling from them only. */
export const CERTIFICATE_ATTRIBUTES = { role: 'medledger.role', stakeholderId: 'medledger.id' } as const;

export const role = z.enum(ROLES);
export const providerRole = z.enum(PROVIDER_ROLES);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isProfessional(value: Role): boolean {
  return PROFESSIONAL_ROLES.includes(value);
}
