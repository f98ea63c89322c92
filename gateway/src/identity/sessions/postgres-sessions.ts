import type { SessionRecord, SessionRepository } from './session-repository';
import { fieldsOf, type RowOf } from '../../platform/database/rows';
import type { Sql } from '../../platform/database/postgres-database';

export class PostgresSessions implements SessionRepository {
  constructor(private readonly sql: Sql) {}

  async insert(s: SessionRecord): Promise<void> {
    await this.sql.run(
      'INSERT INTO sessions (id_hash, principal_id, csrf_token, created_at, last_seen_at, expires_at, authenticated_at, saml_session_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [s.idHash, s.principalId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt, s.authenticatedAt, s.samlSessionIndex ?? null],
    );
  }

  async get(idHash: string): Promise<SessionRecord | undefined> {
    const row = await this.sql.get<RowOf<SessionRecord>>('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return row === undefined ? undefined : fieldsOf<SessionRecord>(row);
  }

  /** GREATEST: a slower request of another gateway never moves the session's activity back. */
  async touch(idHash: string, lastSeenAt: number): Promise<void> {
    await this.sql.run('UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $1) WHERE id_hash = $2', [lastSeenAt, idHash]);
  }

  async delete(idHash: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  deleteForPrincipal(principalId: string): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE principal_id = $1', [principalId]);
  }

  purgeExpired(now: number, idleMs: number): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at + $2 <= $1', [now, idleMs]);
  }
}
