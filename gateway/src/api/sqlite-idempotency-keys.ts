import type { Database } from 'better-sqlite3';
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore, KeyLease } from './idempotency-store';
import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Synchronous } from '../platform/database/synchronous';

type Row = RowOf<IdempotencyRecord>;

/**
 * Idempotency keys of REST POSTs. claim() is one immediate transaction (drop an expired row, insert
 * or find the live one), and takeOver() one conditional UPDATE, so two concurrent requests with the
 * same key can never both hold it.
 */
export class SqliteIdempotencyKeys implements Synchronous<IdempotencyStore> {
  private readonly claimOnce: (principalId: string, key: string, requestHash: string, lease: KeyLease, now: number, expiredBefore: number) => IdempotencyClaim;

  constructor(private readonly db: Database) {
    const drop = db.prepare('DELETE FROM idempotency_keys WHERE principal_id = ? AND key = ? AND created_at < ?');
    const insert = db.prepare(
      "INSERT INTO idempotency_keys (principal_id, key, request_hash, status, created_at, owner, lease_until) VALUES (?, ?, ?, 'in-progress', ?, ?, ?) ON CONFLICT (principal_id, key) DO NOTHING",
    );
    const select = db.prepare('SELECT * FROM idempotency_keys WHERE principal_id = ? AND key = ?');
    const claim = db.transaction((principalId: string, key: string, requestHash: string, lease: KeyLease, now: number, expiredBefore: number): IdempotencyClaim => {
      drop.run(principalId, key, expiredBefore);
      if (insert.run(principalId, key, requestHash, now, lease.owner, lease.until).changes === 1) {
        return { claimed: true };
      }
      return { claimed: false, existing: fieldsOf<IdempotencyRecord>(select.get(principalId, key) as Row) };
    });
    this.claimOnce = (...args) => claim.immediate(...args);
  }

  claim(principalId: string, key: string, requestHash: string, lease: KeyLease, now: number, expiredBefore: number): IdempotencyClaim {
    return this.claimOnce(principalId, key, requestHash, lease, now, expiredBefore);
  }

  takeOver(principalId: string, key: string, lease: KeyLease, now: number): IdempotencyRecord | undefined {
    const row = this.db
      .prepare("UPDATE idempotency_keys SET owner = ?, lease_until = ? WHERE principal_id = ? AND key = ? AND status = 'in-progress' AND lease_until <= ? RETURNING *")
      .get(lease.owner, lease.until, principalId, key, now) as Row | undefined;
    return row === undefined ? undefined : fieldsOf<IdempotencyRecord>(row);
  }

  hold(principalId: string, key: string, lease: KeyLease, preparedTransaction?: string): boolean {
    const held = this.db
      .prepare("UPDATE idempotency_keys SET lease_until = ?, prepared_transaction = COALESCE(?, prepared_transaction) WHERE principal_id = ? AND key = ? AND owner = ? AND status = 'in-progress'")
      .run(lease.until, preparedTransaction ?? null, principalId, key, lease.owner);
    return held.changes === 1;
  }

  complete(principalId: string, key: string, owner: string, responseStatus: number, responseBody: string): void {
    // the transaction and the lease served the run; only the answer is kept
    this.db
      .prepare(
        "UPDATE idempotency_keys SET status = 'completed', response_status = ?, response_body = ?, owner = NULL, lease_until = NULL, prepared_transaction = NULL WHERE principal_id = ? AND key = ? AND owner = ?",
      )
      .run(responseStatus, responseBody, principalId, key, owner);
  }

  release(principalId: string, key: string, owner: string): void {
    this.db.prepare("DELETE FROM idempotency_keys WHERE principal_id = ? AND key = ? AND owner = ? AND status = 'in-progress'").run(principalId, key, owner);
  }

  count(principalId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM idempotency_keys WHERE principal_id = ?').get(principalId) as { n: number }).n;
  }

  purgeExpired(before: number): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(before).changes;
  }
}
