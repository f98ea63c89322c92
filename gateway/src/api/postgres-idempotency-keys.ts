import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from './idempotency';
import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Sql } from '../platform/database/postgres-database';

/** A claim whose key vanished between the insert and the read (released meanwhile) is tried again, this often. */
const CLAIM_ATTEMPTS = 3;

/**
 * Idempotency keys of REST POSTs, shared by every gateway on the database. claim() inserts on the
 * (principal, key) primary key: of concurrent claims, on any gateway, exactly one inserts; the
 * others wait for it to commit, find the conflict, and read its record.
 */
export class PostgresIdempotencyKeys implements IdempotencyStore {
  constructor(private readonly sql: Sql) {}

  async claim(principalId: string, key: string, requestHash: string, now: number, expiredBefore: number): Promise<IdempotencyClaim> {
    for (let attempt = 1; ; attempt += 1) {
      const claim = await this.sql.atomically(async (sql) => {
        await sql.run('DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND created_at < $3', [principalId, key, expiredBefore]);
        const inserted = await sql.run(
          "INSERT INTO idempotency_keys (principal_id, key, request_hash, status, created_at) VALUES ($1, $2, $3, 'in-progress', $4) ON CONFLICT (principal_id, key) DO NOTHING",
          [principalId, key, requestHash, now],
        );
        if (inserted === 1) {
          return { claimed: true } as const;
        }
        const existing = await sql.get<RowOf<IdempotencyRecord>>('SELECT * FROM idempotency_keys WHERE principal_id = $1 AND key = $2', [principalId, key]);
        return existing === undefined ? undefined : { claimed: false as const, existing: fieldsOf<IdempotencyRecord>(existing) };
      });
      if (claim !== undefined || attempt === CLAIM_ATTEMPTS) {
        return claim ?? Promise.reject(new Error(`idempotency key claim kept racing with its release (${CLAIM_ATTEMPTS} attempts)`));
      }
    }
  }

  async complete(principalId: string, key: string, responseStatus: number, responseBody: string): Promise<void> {
    await this.sql.run("UPDATE idempotency_keys SET status = 'completed', response_status = $1, response_body = $2 WHERE principal_id = $3 AND key = $4", [
      responseStatus,
      responseBody,
      principalId,
      key,
    ]);
  }

  async release(principalId: string, key: string): Promise<void> {
    await this.sql.run("DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND status = 'in-progress'", [principalId, key]);
  }

  purgeExpired(before: number): Promise<number> {
    return this.sql.run('DELETE FROM idempotency_keys WHERE created_at < $1', [before]);
  }
}
