import type { Scope } from '../scopes';

/** An organisation's API key as stored: an HMAC of its secret, never the key. */
export interface ApiKeyRecord {
  keyId: string;
  principalId: string;
  secretHash: string; // hex HMAC-SHA256(pepper, secret)
  scopes: Scope[];
  createdAt: number; // epoch ms
  expiresAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
  replacedBy?: string; // the key ID that rotation created
}

export interface ApiKeyRepository {
  insert(record: ApiKeyRecord): Promise<void>;
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  list(principalId?: string): Promise<ApiKeyRecord[]>;
  markUsed(keyId: string, at: number): Promise<void>;
  revoke(keyId: string, at: number): Promise<boolean>;
  /** Rotation: the old key lives on until `expiresAt` and points to its replacement. */
  retire(keyId: string, expiresAt: number, replacedBy: string): Promise<void>;
  revokeAllFor(principalId: string, at: number): Promise<number>;
}
