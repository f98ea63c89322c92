import type { Database } from 'better-sqlite3';
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from './idempotency';
import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Synchronous } from '../platform/database/synchronous';

/**
 * Idempotency keys of REST POSTs. claim() is one immediate transaction (drop an expired row, insert
 * or find the live one), so two concurrent requests with the same key can never both claim it.
 */
export class SqliteIdempotencyKeys implements Synchronous<IdempotencyStore> {
  private readonly claimOnce: (principalId: string, key: string, requestHash: string, now: number, expiredBefore: number) => IdempotencyClaim;

  constructor(private readonly db: Database) {
    const drop = db.prepare('DELETE FROM idempotency_keys WHERE principal_id = ? AND key = ? AND created_at < ?');
    const insert = db.prepare(
      "INSERT INTO idempotency_keys (principal_id, key, request_hash, status, created_at) VALUES (?, ?, ?, 'in-progress', ?) ON CONFLICT (principal_id, key) DO NOTHING",
    );
    const select = db.prepare('SELECT * FROM idempotency_keys WHERE principal_id = ? AND key = ?');
    const claim = db.transaction((principalId: string, key: string, requestHash: string, now: number, expiredBefore: number): IdempotencyClaim => {
      drop.run(principalId, key, expiredBefore);
      if (insert.run(principalId, key, requestHash, now).changes === 1) {
        return { claimed: true };
      }
      return { claimed: false, existing: fieldsOf<IdempotencyRecord>(select.get(principalId, key) as RowOf<IdempotencyRecord>) };
    });
    this.claimOnce = (...args) => claim.immediate(...args);
  }

  claim(principalId: string, key: string, requestHash: string, now: number, expiredBefore: number): IdempotencyClaim {
    return this.claimOnce(principalId, key, requestHash, now, expiredBefore);
  }

  complete(principalId: string, key: string, responseStatus: number, responseBody: string): void {
    this.db
      .prepare("UPDATE idempotency_keys SET status = 'completed', response_status = ?, response_body = ? WHERE principal_id = ? AND key = ?")
      .run(responseStatus, responseBody, principalId, key);
  }

  release(principalId: string, key: string): void {
    this.db.prepare("DELETE FROM idempotency_keys WHERE principal_id = ? AND key = ? AND status = 'in-progress'").run(principalId, key);
  }

  count(principalId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM idempotency_keys WHERE principal_id = ?').get(principalId) as { n: number }).n;
  }

  purgeExpired(before: number): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(before).changes;
  }
}
