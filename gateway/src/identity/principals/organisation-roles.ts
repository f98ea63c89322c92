import type { Role } from './principal';

/**
 * Roles an organisation principal (one that calls with an API key instead of signing in) may
 * have: pharmacies and insurers, and hospitals' systems (e.g. a laboratory attaching reports).
 */
export const ORGANISATION_ROLES = ['hospital', 'pharmacy', 'insurer'] as const satisfies readonly Role[];
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export function isOrganisationRole(role: string): role is OrganisationRole {
  return (ORGANISATION_ROLES as readonly string[]).includes(role);
}
