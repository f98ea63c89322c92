import type { GrantWatch } from './event-router';
import type { EventPosition } from '../../ledger/ledger-events';
import type { NotificationDraft, StoredNotification } from './notification';
import type { NotificationStore } from './notification-store';
import { grantWatchOf, notificationOf, type GrantRow, type NotificationRow } from './notification-rows';
import type { Sql } from '../../platform/database/postgres-database';

/** Notifications, the event listener's checkpoint and what the router remembers (migration 3). */
export class PostgresNotifications implements NotificationStore {
  constructor(private readonly sql: Sql) {}

  async checkpoint(listener: string): Promise<EventPosition | undefined> {
    const row = await this.sql.get<{ block_number: string; transaction_id: string }>('SELECT block_number, transaction_id FROM event_checkpoints WHERE listener = $1', [listener]);
    return row === undefined ? undefined : { blockNumber: BigInt(row.block_number), transactionId: row.transaction_id };
  }

  async saveCheckpoint(listener: string, position: EventPosition, now: Date): Promise<void> {
    await this.sql.run(
      `INSERT INTO event_checkpoints (listener, block_number, transaction_id, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (listener) DO UPDATE SET block_number = excluded.block_number, transaction_id = excluded.transaction_id, updated_at = excluded.updated_at`,
      [listener, position.blockNumber.toString(), position.transactionId, now.getTime()],
    );
  }

  async principalsOf(stakeholderIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.sql.all<{ stakeholder_id: string; id: string }>('SELECT stakeholder_id, id FROM principals WHERE stakeholder_id = ANY($1) AND disabled_at_iso IS NULL', [
      [...new Set(stakeholderIds)],
    ]);
    return new Map(rows.map((row) => [row.stakeholder_id, row.id]));
  }

  async rememberPatient(objectId: string, patientId: string): Promise<void> {
    await this.sql.run('INSERT INTO notification_subjects (object_id, patient_id) VALUES ($1, $2) ON CONFLICT (object_id) DO NOTHING', [objectId, patientId]);
  }

  async patientOf(objectId: string): Promise<string | undefined> {
    return (await this.sql.get<{ patient_id: string }>('SELECT patient_id FROM notification_subjects WHERE object_id = $1', [objectId]))?.patient_id;
  }

  /** The inserts and the trims in one transaction (or in the caller's), so a backlog is never seen half-trimmed. */
  insert(drafts: readonly NotificationDraft[], now: Date, perPrincipal: number): Promise<StoredNotification[]> {
    return this.sql.atomically(async (sql) => {
      const stored: StoredNotification[] = [];
      for (const draft of drafts) {
        const row = await sql.get<{ id: number }>('INSERT INTO notifications (principal_id, type, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
          draft.principalId,
          draft.body.type,
          JSON.stringify(draft.body),
          now.getTime(),
        ]);
        stored.push({ id: Number(row?.id), principalId: draft.principalId, body: draft.body });
      }
      for (const principalId of new Set(drafts.map((draft) => draft.principalId))) {
        await sql.run(
          `DELETE FROM notifications WHERE principal_id = $1 AND id <= (
             SELECT id FROM notifications WHERE principal_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)`,
          [principalId, perPrincipal],
        );
      }
      return stored;
    });
  }

  async after(principalId: string, afterId: number, limit: number): Promise<StoredNotification[]> {
    const rows = await this.sql.all<NotificationRow>('SELECT id, principal_id, body FROM notifications WHERE principal_id = $1 AND id > $2 ORDER BY id LIMIT $3', [principalId, afterId, limit]);
    return rows.map(notificationOf);
  }

  async watchGrant(grant: GrantWatch): Promise<void> {
    await this.sql.run('INSERT INTO watched_grants (grant_id, patient_id, grantee_id, valid_until) VALUES ($1, $2, $3, $4) ON CONFLICT (grant_id) DO NOTHING', [
      grant.grantId,
      grant.patientId,
      grant.granteeId,
      Date.parse(grant.validUntil),
    ]);
  }

  async unwatchGrant(grantId: string): Promise<void> {
    await this.sql.run('DELETE FROM watched_grants WHERE grant_id = $1', [grantId]);
  }

  async grantsExpiringBy(now: Date, until: Date): Promise<GrantWatch[]> {
    const rows = await this.sql.all<GrantRow>(
      'SELECT grant_id, patient_id, grantee_id, valid_until FROM watched_grants WHERE notified_at IS NULL AND valid_until > $1 AND valid_until <= $2 ORDER BY valid_until',
      [now.getTime(), until.getTime()],
    );
    return rows.map(grantWatchOf);
  }

  async markGrantNotified(grantId: string, now: Date): Promise<void> {
    await this.sql.run('UPDATE watched_grants SET notified_at = $1 WHERE grant_id = $2', [now.getTime(), grantId]);
  }

  async prune(before: Date): Promise<void> {
    await this.sql.run('DELETE FROM notifications WHERE created_at < $1', [before.getTime()]);
    await this.sql.run('DELETE FROM watched_grants WHERE valid_until < $1', [before.getTime()]);
  }
}
