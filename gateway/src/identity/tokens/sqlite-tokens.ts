import type { Database } from 'better-sqlite3';
import type { TokenRecord, TokenRepository } from './token-repository';
import { credentialOf, type CredentialRow } from '../credential-rows';
import type { Synchronous } from '../../platform/database/synchronous';

export class SqliteTokens implements Synchronous<TokenRepository> {
  constructor(private readonly db: Database) {}

  insert(t: TokenRecord): void {
    this.db
      .prepare('INSERT INTO personal_access_tokens (id, principal_id, name, token_hash, prefix, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(t.id, t.principalId, t.name, t.tokenHash, t.prefix, JSON.stringify(t.scopes), t.createdAt, t.expiresAt);
  }

  findByHash(tokenHash: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM personal_access_tokens WHERE token_hash = ?').get(tokenHash) as CredentialRow<TokenRecord> | undefined;
    return row === undefined ? undefined : credentialOf<TokenRecord>(row);
  }

  listForPrincipal(principalId: string): TokenRecord[] {
    const rows = this.db.prepare('SELECT * FROM personal_access_tokens WHERE principal_id = ? ORDER BY created_at, id').all(principalId) as CredentialRow<TokenRecord>[];
    return rows.map((row) => credentialOf<TokenRecord>(row));
  }

  markUsed(id: string, at: number): void {
    this.db.prepare('UPDATE personal_access_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  revoke(id: string, principalId: string, at: number): boolean {
    return this.db.prepare('UPDATE personal_access_tokens SET revoked_at = ? WHERE id = ? AND principal_id = ? AND revoked_at IS NULL').run(at, id, principalId).changes === 1;
  }

  revokeAllFor(principalId: string, at: number): number {
    return this.db.prepare('UPDATE personal_access_tokens SET revoked_at = ? WHERE principal_id = ? AND revoked_at IS NULL').run(at, principalId).changes;
  }
}
