import type { ReplayGuard } from './types';
import type { Sql } from '../../platform/database/postgres-database';

/**
 * Remembers consumed SAML assertion IDs until their NotOnOrAfter. One statement decides, on the
 * primary key every gateway shares: the row is inserted (first use) or the conflict leaves it
 * alone (a replay, also one sent to another gateway). A concurrent insert of the same ID waits for
 * the first to commit, then finds the conflict.
 */
export class PostgresReplayGuard implements ReplayGuard {
  constructor(private readonly sql: Sql) {}

  async consumeOnce(assertionId: string, notOnOrAfter: Date): Promise<boolean> {
    const inserted = await this.sql.run('INSERT INTO saml_replay (assertion_id, not_on_or_after) VALUES ($1, $2) ON CONFLICT (assertion_id) DO NOTHING', [assertionId, notOnOrAfter.getTime()]);
    return inserted === 1;
  }

  /** An assertion past NotOnOrAfter is refused by its validity window anyway, so its row can go. */
  purgeExpired(now: Date): Promise<number> {
    return this.sql.run('DELETE FROM saml_replay WHERE not_on_or_after < $1', [now.getTime()]);
  }
}
