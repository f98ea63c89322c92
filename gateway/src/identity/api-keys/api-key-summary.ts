import type { Scope } from '../scopes';
import type { ApiKeyRecord } from './api-key-repository';

/** An API key as administrators see it: never the key or its hash. */
export interface ApiKeySummary {
  keyId: string;
  principalId: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
}

export function summariseApiKey(record: ApiKeyRecord): ApiKeySummary {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    keyId: record.keyId,
    principalId: record.principalId,
    scopes: record.scopes,
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
    lastUsedAt: iso(record.lastUsedAt),
    revokedAt: iso(record.revokedAt),
    replacedBy: record.replacedBy ?? null,
  };
}
