import { ROLES, type Role } from '@medledger/chaincode/client';
import type { Profile } from '@node-saml/passport-saml';
import { refuse } from './refusal';
import { ATTRIBUTE } from './saml-names';

/** Attribute values from the signed assertion, as node-saml parsed them (string, array or nested object). */
function signedAttributes(profile: Profile): Record<string, unknown> {
  const attributes = profile['attributes'];
  return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : {};
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  // Own properties only: a value of '__proto__' or 'constructor' must not reach Object.prototype.
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The role comes only from the configured attribute of the signed assertion, through the configured
 * mapping. Missing, multi-valued, unmapped or unknown ⇒ refused; never a default role.
 */
export function roleFromProfile(profile: Profile, attribute: string, mapping: Readonly<Record<string, Role>>): Role {
  const value = ownValue(signedAttributes(profile), attribute);
  if (value === undefined) refuse('role-attribute-missing');
  if (typeof value !== 'string') return refuse('role-attribute-not-single-value');
  const role = ownValue(mapping, value);
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return refuse('role-unmapped');
  return role as Role;
}

/** Optional, informational only (never used for decisions); bounded so it cannot bloat a session. */
export function displayNameFromProfile(profile: Profile): string | undefined {
  const value = ownValue(signedAttributes(profile), ATTRIBUTE.displayName);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, 200);
}
