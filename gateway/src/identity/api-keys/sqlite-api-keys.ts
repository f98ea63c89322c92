import type { Database } from 'better-sqlite3';
import type { ApiKeyRecord, ApiKeyRepository } from './api-key-repository';
import { credentialOf, type CredentialRow } from '../credential-rows';
import type { Synchronous } from '../../platform/database/synchronous';

export class SqliteApiKeys implements Synchronous<ApiKeyRepository> {
  constructor(private readonly db: Database) {}

  insert(k: ApiKeyRecord): void {
    this.db
      .prepare('INSERT INTO api_keys (key_id, principal_id, secret_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(k.keyId, k.principalId, k.secretHash, JSON.stringify(k.scopes), k.createdAt, k.expiresAt);
  }

  get(keyId: string): ApiKeyRecord | undefined {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE key_id = ?').get(keyId) as CredentialRow<ApiKeyRecord> | undefined;
    return row === undefined ? undefined : credentialOf<ApiKeyRecord>(row);
  }

  list(principalId?: string): ApiKeyRecord[] {
    const rows =
      principalId === undefined
        ? this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, key_id').all()
        : this.db.prepare('SELECT * FROM api_keys WHERE principal_id = ? ORDER BY created_at, key_id').all(principalId);
    return (rows as CredentialRow<ApiKeyRecord>[]).map((row) => credentialOf<ApiKeyRecord>(row));
  }

  markUsed(keyId: string, at: number): void {
    this.db.prepare('UPDATE api_keys SET last_used_at = ? WHERE key_id = ?').run(at, keyId);
  }

  revoke(keyId: string, at: number): boolean {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL').run(at, keyId).changes === 1;
  }

  retire(keyId: string, expiresAt: number, replacedBy: string): void {
    this.db.prepare('UPDATE api_keys SET expires_at = MIN(expires_at, ?), replaced_by = ? WHERE key_id = ?').run(expiresAt, replacedBy, keyId);
  }

  revokeAllFor(principalId: string, at: number): number {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE principal_id = ? AND revoked_at IS NULL').run(at, principalId).changes;
  }
}
