import type { Clock } from '../../platform/clock';
import type { RequestIdStore } from './types';
import type { Sql } from '../../platform/database/postgres-database';

/** AuthnRequest IDs any gateway sent, so a response (posted to whichever gateway) answers one of them, once. */
export class PostgresRequestIds implements RequestIdStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async remember(requestId: string, expiresAt: Date): Promise<void> {
    await this.sql.run('INSERT INTO saml_requests (request_id, expires_at) VALUES ($1, $2) ON CONFLICT (request_id) DO NOTHING', [requestId, expiresAt.getTime()]);
  }

  /** Deleting is the check: only one caller can delete the row, and only before it expires. */
  async consume(requestId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM saml_requests WHERE request_id = $1 AND expires_at > $2', [requestId, this.clock().getTime()])) === 1;
  }

  purgeExpired(now: Date): Promise<number> {
    return this.sql.run('DELETE FROM saml_requests WHERE expires_at <= $1', [now.getTime()]);
  }
}
