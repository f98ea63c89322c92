import type { Role } from './principals/principal';

/**
 * What a personal access token or an API key may do. A cookie session has every scope its
 * principal's role allows except `consent` (a session steps up by being fresh, step-up.ts); a
 * token or key has the subset chosen when it was made.
 */
export const SCOPES = ['read', 'write', 'admin', 'consent'] as const;
export type Scope = (typeof SCOPES)[number];

/** The scopes an organisation's API key may be issued with: never `consent`, which only a person's fresh sign-in mints. */
export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const satisfies readonly Scope[];

export const SCOPE_MEANINGS: Readonly<Record<Scope, string>> = {
  read: 'Read data the principal may see (GET).',
  write: 'Change data on the principal’s behalf (POST, PUT, PATCH, DELETE).',
  admin: 'Administer the gateway (API keys of organisations); admin principals only.',
  consent:
    'Step-up: the irreversible operations (granting consent, delegating, erasing), and only those. Patients only; a token with it lives 15 minutes and is made only from a freshly authenticated browser session; API keys never have it.',
};

/** The roles that grant, delegate and erase (a delegate is a patient-role person): the only ones that may hold `consent`. */
const CONSENT_ROLES: readonly Role[] = ['patient'];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** The scopes a principal of this role may hold at all. */
export function scopesAllowedFor(role: Role): Scope[] {
  const base: Scope[] = role === 'admin' ? ['read', 'write', 'admin'] : ['read', 'write'];
  return CONSENT_ROLES.includes(role) ? [...base, 'consent'] : base;
}

/** What a browser session carries: its role's scopes but `consent`, since a session steps up by its authentication time instead. */
export function sessionScopesFor(role: Role): Scope[] {
  return scopesAllowedFor(role).filter((scope) => scope !== 'consent');
}

/**
 * The scopes a stored credential grants now: its own scopes that its principal's role still
 * allows. Checked on every use, not only when the credential was made, so a role change or an
 * edited record never widens what a token or key can do.
 */
export function effectiveScopes(stored: readonly Scope[], role: Role): Scope[] {
  const allowed = scopesAllowedFor(role);
  return stored.filter((scope) => allowed.includes(scope));
}
