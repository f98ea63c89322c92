import type { Scope } from '../scopes';
import type { ApiKeyRecord } from './api-key-repository';
import { summaryTimes } from '../credential-state';

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
  return { keyId: record.keyId, principalId: record.principalId, scopes: record.scopes, ...summaryTimes(record), replacedBy: record.replacedBy ?? null };
}
