import type { Database } from 'better-sqlite3';
import type { ReplayGuard } from './types';
import type { Synchronous } from '../../platform/database/synchronous';

/**
 * One statement decides: the row is inserted (first use, changes === 1) or nothing happens
 * (replay). SQLite serialises writers, so this is atomic across requests, connections and
 * processes sharing the database file. Exported for the concurrency test.
 */
export const CONSUME_ASSERTION_SQL = 'INSERT INTO saml_replay (assertion_id, not_on_or_after) VALUES (?, ?) ON CONFLICT (assertion_id) DO NOTHING';

/** Remembers consumed SAML assertion IDs until their NotOnOrAfter, so each assertion is accepted once. */
export class SqliteReplayGuard implements Synchronous<ReplayGuard> {
  constructor(private readonly db: Database) {}

  consumeOnce(assertionId: string, notOnOrAfter: Date): boolean {
    return this.db.prepare(CONSUME_ASSERTION_SQL).run(assertionId, notOnOrAfter.getTime()).changes === 1;
  }

  /** An assertion past NotOnOrAfter is refused by its validity window anyway, so its row can go. */
  purgeExpired(now: Date): number {
    return this.db.prepare('DELETE FROM saml_replay WHERE not_on_or_after < ?').run(now.getTime()).changes;
  }
}
