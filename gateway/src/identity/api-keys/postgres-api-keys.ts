import type { ApiKeyRecord, ApiKeyRepository } from './api-key-repository';
import { credentialOf, type CredentialRow } from '../credential-rows';
import type { Sql } from '../../platform/database/postgres-database';

export class PostgresApiKeys implements ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  async insert(k: ApiKeyRecord): Promise<void> {
    await this.sql.run('INSERT INTO api_keys (key_id, principal_id, secret_hash, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      k.keyId,
      k.principalId,
      k.secretHash,
      JSON.stringify(k.scopes),
      k.createdAt,
      k.expiresAt,
    ]);
  }

  async get(keyId: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.sql.get<CredentialRow<ApiKeyRecord>>('SELECT * FROM api_keys WHERE key_id = $1', [keyId]);
    return row === undefined ? undefined : credentialOf<ApiKeyRecord>(row);
  }

  async list(principalId?: string): Promise<ApiKeyRecord[]> {
    const rows =
      principalId === undefined
        ? await this.sql.all<CredentialRow<ApiKeyRecord>>('SELECT * FROM api_keys ORDER BY created_at, key_id COLLATE "C"')
        : await this.sql.all<CredentialRow<ApiKeyRecord>>('SELECT * FROM api_keys WHERE principal_id = $1 ORDER BY created_at, key_id COLLATE "C"', [principalId]);
    return rows.map((row) => credentialOf<ApiKeyRecord>(row));
  }

  async markUsed(keyId: string, at: number): Promise<void> {
    await this.sql.run('UPDATE api_keys SET last_used_at = $1 WHERE key_id = $2', [at, keyId]);
  }

  async revoke(keyId: string, at: number): Promise<boolean> {
    return (await this.sql.run('UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL', [at, keyId])) === 1;
  }

  async retire(keyId: string, expiresAt: number, replacedBy: string): Promise<void> {
    await this.sql.run('UPDATE api_keys SET expires_at = LEAST(expires_at, $1), replaced_by = $2 WHERE key_id = $3', [expiresAt, replacedBy, keyId]);
  }

  revokeAllFor(principalId: string, at: number): Promise<number> {
    return this.sql.run('UPDATE api_keys SET revoked_at = $1 WHERE principal_id = $2 AND revoked_at IS NULL', [at, principalId]);
  }
}
