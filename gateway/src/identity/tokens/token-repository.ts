import type { Scope } from '../scopes';

/** A personal access token as stored: its SHA-256, never the token. */
export interface TokenRecord {
  id: string;
  principalId: string;
  name: string;
  tokenHash: string;
  prefix: string; // the first characters, to recognise a token in a list
  scopes: Scope[];
  createdAt: number; // epoch ms
  expiresAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

export interface TokenRepository {
  insert(record: TokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  listForPrincipal(principalId: string): Promise<TokenRecord[]>;
  markUsed(id: string, at: number): Promise<void>;
  /** Revokes the principal's own token; false when it has no such live token. */
  revoke(id: string, principalId: string, at: number): Promise<boolean>;
  revokeAllFor(principalId: string, at: number): Promise<number>;
}
