/**
 * Stakeholder roles and the organisation allowed to issue each one. The role comes from the
 * certificate; checking it against the issuing MSP means one org's CA cannot mint another
 * org's professionals (a Payers CA issuing "doctor" certificates is refused).
 */
export const ROLES = ['patient', 'doctor', 'hospital', 'pharmacy', 'insurer', 'regulator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PROFESSIONAL_ROLES: readonly Role[] = ['doctor', 'hospital', 'pharmacy', 'insurer'];

export const ROLE_ISSUING_MSP: Readonly<Record<Role, string>> = {
  patient: 'ProvidersMSP',
  doctor: 'ProvidersMSP',
  hospital: 'ProvidersMSP',
  regulator: 'ProvidersMSP',
  admin: 'ProvidersMSP',
  pharmacy: 'PayersMSP',
  insurer: 'PayersMSP',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isProfessional(role: Role): boolean {
  return PROFESSIONAL_ROLES.includes(role);
}
