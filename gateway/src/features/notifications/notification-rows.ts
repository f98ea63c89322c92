import type { GrantWatch } from './event-router';
import type { NotificationBody, StoredNotification } from './notification';

/** A notifications row as both stores select it (migration 3). */
export interface NotificationRow {
  id: number;
  principal_id: string;
  body: string;
}

/** A watched_grants row as both stores select it; valid_until in epoch milliseconds. */
export interface GrantRow {
  grant_id: string;
  patient_id: string;
  grantee_id: string;
  valid_until: number;
}

export function notificationOf(row: NotificationRow): StoredNotification {
  return { id: row.id, principalId: row.principal_id, body: JSON.parse(row.body) as NotificationBody };
}

export function grantWatchOf(row: GrantRow): GrantWatch {
  return { grantId: row.grant_id, patientId: row.patient_id, granteeId: row.grantee_id, validUntil: new Date(row.valid_until).toISOString() };
}
