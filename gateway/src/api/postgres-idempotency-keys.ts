import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore, KeyLease } from './idempotency-store';
import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Sql } from '../platform/database/postgres-database';

type Row = RowOf<IdempotencyRecord>;

/** A claim whose key vanished between the insert and the read (released meanwhile) is tried again, this often. */
const CLAIM_ATTEMPTS = 3;

/**
 * Idempotency keys of REST POSTs, shared by every gateway on the database. claim() inserts on the
 * (principal, key) primary key: of concurrent claims, on any gateway, exactly one inserts; the
 * others wait for it to commit, find the conflict, and read its record. takeOver() is one
 * conditional UPDATE, which row locking makes win at most once.
 */
export class PostgresIdempotencyKeys implements IdempotencyStore {
  constructor(private readonly sql: Sql) {}

  async claim(principalId: string, key: string, requestHash: string, lease: KeyLease, now: number, expiredBefore: number): Promise<IdempotencyClaim> {
    for (let attempt = 1; ; attempt += 1) {
      const claim = await this.sql.atomically(async (sql) => {
        await sql.run('DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND created_at < $3', [principalId, key, expiredBefore]);
        const inserted = await sql.run(
          "INSERT INTO idempotency_keys (principal_id, key, request_hash, status, created_at, owner, lease_until) VALUES ($1, $2, $3, 'in-progress', $4, $5, $6) ON CONFLICT (principal_id, key) DO NOTHING",
          [principalId, key, requestHash, now, lease.owner, lease.until],
        );
        if (inserted === 1) {
          return { claimed: true } as const;
        }
        const existing = await sql.get<Row>('SELECT * FROM idempotency_keys WHERE principal_id = $1 AND key = $2', [principalId, key]);
        return existing === undefined ? undefined : { claimed: false as const, existing: fieldsOf<IdempotencyRecord>(existing) };
      });
      if (claim !== undefined || attempt === CLAIM_ATTEMPTS) {
        return claim ?? Promise.reject(new Error(`idempotency key claim kept racing with its release (${CLAIM_ATTEMPTS} attempts)`));
      }
    }
  }

  async takeOver(principalId: string, key: string, lease: KeyLease, now: number): Promise<IdempotencyRecord | undefined> {
    const row = await this.sql.get<Row>(
      "UPDATE idempotency_keys SET owner = $1, lease_until = $2 WHERE principal_id = $3 AND key = $4 AND status = 'in-progress' AND lease_until <= $5 RETURNING *",
      [lease.owner, lease.until, principalId, key, now],
    );
    return row === undefined ? undefined : fieldsOf<IdempotencyRecord>(row);
  }

  async hold(principalId: string, key: string, lease: KeyLease, preparedTransaction?: string): Promise<boolean> {
    const held = await this.sql.run(
      "UPDATE idempotency_keys SET lease_until = $1, prepared_transaction = COALESCE($2, prepared_transaction) WHERE principal_id = $3 AND key = $4 AND owner = $5 AND status = 'in-progress'",
      [lease.until, preparedTransaction ?? null, principalId, key, lease.owner],
    );
    return held === 1;
  }

  async complete(principalId: string, key: string, owner: string, responseStatus: number, responseBody: string): Promise<void> {
    // the transaction and the lease served the run; only the answer is kept
    await this.sql.run(
      "UPDATE idempotency_keys SET status = 'completed', response_status = $1, response_body = $2, owner = NULL, lease_until = NULL, prepared_transaction = NULL WHERE principal_id = $3 AND key = $4 AND owner = $5",
      [responseStatus, responseBody, principalId, key, owner],
    );
  }

  async release(principalId: string, key: string, owner: string): Promise<void> {
    await this.sql.run("DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND owner = $3 AND status = 'in-progress'", [principalId, key, owner]);
  }

  purgeExpired(before: number): Promise<number> {
    return this.sql.run('DELETE FROM idempotency_keys WHERE created_at < $1', [before]);
  }
}
