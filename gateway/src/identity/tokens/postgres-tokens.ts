import type { TokenRecord, TokenRepository } from './token-repository';
import { credentialOf, type CredentialRow } from '../credential-rows';
import type { Sql } from '../../platform/database/postgres-database';

export class PostgresTokens implements TokenRepository {
  constructor(private readonly sql: Sql) {}

  async insert(t: TokenRecord): Promise<void> {
    await this.sql.run('INSERT INTO personal_access_tokens (id, principal_id, name, token_hash, prefix, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      t.id,
      t.principalId,
      t.name,
      t.tokenHash,
      t.prefix,
      JSON.stringify(t.scopes),
      t.createdAt,
      t.expiresAt,
    ]);
  }

  async findByHash(tokenHash: string): Promise<TokenRecord | undefined> {
    const row = await this.sql.get<CredentialRow<TokenRecord>>('SELECT * FROM personal_access_tokens WHERE token_hash = $1', [tokenHash]);
    return row === undefined ? undefined : credentialOf<TokenRecord>(row);
  }

  async listForPrincipal(principalId: string): Promise<TokenRecord[]> {
    const rows = await this.sql.all<CredentialRow<TokenRecord>>('SELECT * FROM personal_access_tokens WHERE principal_id = $1 ORDER BY created_at, id COLLATE "C"', [principalId]);
    return rows.map((row) => credentialOf<TokenRecord>(row));
  }

  async markUsed(id: string, at: number): Promise<void> {
    await this.sql.run('UPDATE personal_access_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  async revoke(id: string, principalId: string, at: number): Promise<boolean> {
    return (await this.sql.run('UPDATE personal_access_tokens SET revoked_at = $1 WHERE id = $2 AND principal_id = $3 AND revoked_at IS NULL', [at, id, principalId])) === 1;
  }

  revokeAllFor(principalId: string, at: number): Promise<number> {
    return this.sql.run('UPDATE personal_access_tokens SET revoked_at = $1 WHERE principal_id = $2 AND revoked_at IS NULL', [at, principalId]);
  }
}
