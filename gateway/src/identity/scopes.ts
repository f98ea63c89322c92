import type { Role } from './principals/principal';

/**
 * What a personal access token or an API key may do. A cookie session has every scope its
 * principal's role allows; a token or key has the subset chosen when it was made.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_MEANINGS: Readonly<Record<Scope, string>> = {
  read: 'Read data the principal may see (GET).',
  write: 'Change data on the principal’s behalf (POST, PUT, PATCH, DELETE).',
  admin: 'Administer the gateway (API keys of organisations); admin principals only.',
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** The scopes a principal of this role may hold at all. */
export function scopesAllowedFor(role: Role): Scope[] {
  return role === 'admin' ? [...SCOPES] : ['read', 'write'];
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
