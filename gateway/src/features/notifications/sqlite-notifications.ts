import type { Database } from 'better-sqlite3';
import type { GrantWatch } from './event-router';
import type { EventPosition } from '../../ledger/ledger-events';
import type { NotificationDraft, StoredNotification } from './notification';
import type { NotificationStore } from './notification-store';
import { grantWatchOf, notificationOf, type GrantRow, type NotificationRow } from './notification-rows';
import type { Synchronous } from '../../platform/database/synchronous';

/** Notifications, the event listener's checkpoint and what the router remembers (migration 3). */
export class SqliteNotifications implements Synchronous<NotificationStore> {
  constructor(private readonly db: Database) {}

  checkpoint(listener: string): EventPosition | undefined {
    const row = this.db.prepare('SELECT block_number, transaction_id FROM event_checkpoints WHERE listener = ?').get(listener) as
      | { block_number: string; transaction_id: string }
      | undefined;
    return row === undefined ? undefined : { blockNumber: BigInt(row.block_number), transactionId: row.transaction_id };
  }

  saveCheckpoint(listener: string, position: EventPosition, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO event_checkpoints (listener, block_number, transaction_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (listener) DO UPDATE SET block_number = excluded.block_number, transaction_id = excluded.transaction_id, updated_at = excluded.updated_at`,
      )
      .run(listener, position.blockNumber.toString(), position.transactionId, now.getTime());
  }

  principalsOf(stakeholderIds: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    const select = this.db.prepare('SELECT id FROM principals WHERE stakeholder_id = ? AND disabled_at_iso IS NULL');
    for (const stakeholderId of new Set(stakeholderIds)) {
      const row = select.get(stakeholderId) as { id: string } | undefined;
      if (row !== undefined) {
        found.set(stakeholderId, row.id);
      }
    }
    return found;
  }

  rememberPatient(objectId: string, patientId: string): void {
    this.db.prepare('INSERT INTO notification_subjects (object_id, patient_id) VALUES (?, ?) ON CONFLICT (object_id) DO NOTHING').run(objectId, patientId);
  }

  patientOf(objectId: string): string | undefined {
    return (this.db.prepare('SELECT patient_id FROM notification_subjects WHERE object_id = ?').get(objectId) as { patient_id: string } | undefined)?.patient_id;
  }

  insert(drafts: readonly NotificationDraft[], now: Date, perPrincipal: number): StoredNotification[] {
    const insert = this.db.prepare('INSERT INTO notifications (principal_id, type, body, created_at) VALUES (?, ?, ?, ?)');
    const trim = this.db.prepare(
      `DELETE FROM notifications WHERE principal_id = ? AND id <= (
         SELECT id FROM notifications WHERE principal_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    );
    const stored = drafts.map((draft) => {
      const id = Number(insert.run(draft.principalId, draft.body.type, JSON.stringify(draft.body), now.getTime()).lastInsertRowid);
      return { id, principalId: draft.principalId, body: draft.body };
    });
    for (const principalId of new Set(drafts.map((draft) => draft.principalId))) {
      trim.run(principalId, principalId, perPrincipal);
    }
    return stored;
  }

  after(principalId: string, afterId: number, limit: number): StoredNotification[] {
    const rows = this.db.prepare('SELECT id, principal_id, body FROM notifications WHERE principal_id = ? AND id > ? ORDER BY id LIMIT ?').all(principalId, afterId, limit) as NotificationRow[];
    return rows.map(notificationOf);
  }

  watchGrant(grant: GrantWatch): void {
    this.db
      .prepare('INSERT INTO watched_grants (grant_id, patient_id, grantee_id, valid_until) VALUES (?, ?, ?, ?) ON CONFLICT (grant_id) DO NOTHING')
      .run(grant.grantId, grant.patientId, grant.granteeId, Date.parse(grant.validUntil));
  }

  unwatchGrant(grantId: string): void {
    this.db.prepare('DELETE FROM watched_grants WHERE grant_id = ?').run(grantId);
  }

  grantsExpiringBy(now: Date, until: Date): GrantWatch[] {
    const rows = this.db
      .prepare('SELECT grant_id, patient_id, grantee_id, valid_until FROM watched_grants WHERE notified_at IS NULL AND valid_until > ? AND valid_until <= ? ORDER BY valid_until')
      .all(now.getTime(), until.getTime()) as GrantRow[];
    return rows.map(grantWatchOf);
  }

  markGrantNotified(grantId: string, now: Date): void {
    this.db.prepare('UPDATE watched_grants SET notified_at = ? WHERE grant_id = ?').run(now.getTime(), grantId);
  }

  prune(before: Date): void {
    this.db.prepare('DELETE FROM notifications WHERE created_at < ?').run(before.getTime());
    this.db.prepare('DELETE FROM watched_grants WHERE valid_until < ?').run(before.getTime());
  }
}
