import type { Database } from 'better-sqlite3';
import type { SessionRecord, SessionRepository } from './session-repository';
import { fieldsOf, type RowOf } from '../../platform/database/rows';
import type { Synchronous } from '../../platform/database/synchronous';

export class SqliteSessions implements Synchronous<SessionRepository> {
  constructor(private readonly db: Database) {}

  insert(s: SessionRecord): void {
    this.db
      .prepare('INSERT INTO sessions (id_hash, principal_id, csrf_token, created_at, last_seen_at, expires_at, authenticated_at, saml_session_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.idHash, s.principalId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt, s.authenticatedAt, s.samlSessionIndex ?? null);
  }

  get(idHash: string): SessionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as RowOf<SessionRecord> | undefined;
    return row === undefined ? undefined : fieldsOf<SessionRecord>(row);
  }

  touch(idHash: string, lastSeenAt: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id_hash = ?').run(lastSeenAt, idHash);
  }

  delete(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  deleteForPrincipal(principalId: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE principal_id = ?').run(principalId).changes;
  }

  purgeExpired(now: number, idleMs: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at + ? <= ?').run(now, idleMs, now).changes;
  }
}
