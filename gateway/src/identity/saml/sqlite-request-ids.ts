import type { Database } from 'better-sqlite3';
import type { Clock } from '../../platform/clock';
import type { RequestIdStore } from './types';
import type { Synchronous } from '../../platform/database/synchronous';

/** AuthnRequest IDs the gateway sent, so a response's InResponseTo is accepted once and only if we asked. */
export class SqliteRequestIds implements Synchronous<RequestIdStore> {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  remember(requestId: string, expiresAt: Date): void {
    this.db.prepare('INSERT INTO saml_requests (request_id, expires_at) VALUES (?, ?) ON CONFLICT (request_id) DO NOTHING').run(requestId, expiresAt.getTime());
  }

  /** Deleting is the check: only one caller can delete the row, and only before it expires. */
  consume(requestId: string): boolean {
    return this.db.prepare('DELETE FROM saml_requests WHERE request_id = ? AND expires_at > ?').run(requestId, this.clock().getTime()).changes === 1;
  }

  purgeExpired(now: Date): number {
    return this.db.prepare('DELETE FROM saml_requests WHERE expires_at <= ?').run(now.getTime()).changes;
  }
}
