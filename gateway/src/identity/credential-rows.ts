import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Scope } from './scopes';

/** How a credential (a personal access token, an API key) is stored: its scopes as a JSON array. */
export type CredentialRow<Credential extends { scopes: Scope[] }> = RowOf<Omit<Credential, 'scopes'>> & { scopes: string };

export function credentialOf<Credential extends { scopes: Scope[] }>(row: CredentialRow<Credential>): Credential {
  return { ...fieldsOf<Omit<Credential, 'scopes'>>(row), scopes: JSON.parse(row.scopes) as Scope[] } as Credential;
}
