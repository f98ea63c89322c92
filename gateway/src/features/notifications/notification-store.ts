import type { GrantWatch } from './event-router';
import type { EventPosition } from '../../ledger/ledger-events';
import type { NotificationDraft, StoredNotification } from './notification';

/** How many notifications a principal's backlog keeps, and for how long (Last-Event-ID resume). */
export interface BacklogLimits {
  perPrincipal: number;
  maxAgeMs: number;
}

export const DEFAULT_BACKLOG: BacklogLimits = { perPrincipal: 200, maxAgeMs: 7 * 24 * 60 * 60 * 1000 };

/**
 * The notification service's tables (implemented by the SQLite store, sqlite-notifications.ts).
 * Synchronous like better-sqlite3, so a chaincode event's notifications and its checkpoint are
 * written in one transaction.
 */
export interface NotificationStore {
  /** Runs `work` in one immediate transaction: all of its writes or none. */
  transaction<T>(work: () => T): T;
  checkpoint(listener: string): EventPosition | undefined;
  saveCheckpoint(listener: string, position: EventPosition, now: Date): void;
  /** Active (not disabled) principals of these on-chain stakeholder IDs: stakeholder ID → principal ID. */
  principalsOf(stakeholderIds: readonly string[]): Map<string, string>;
  rememberPatient(objectId: string, patientId: string): void;
  patientOf(objectId: string): string | undefined;
  /** Stores them with new, increasing IDs, and trims each principal's backlog to `perPrincipal`. */
  insert(drafts: readonly NotificationDraft[], now: Date, perPrincipal: number): StoredNotification[];
  /** The principal's notifications with an ID greater than `afterId`, oldest first. */
  after(principalId: string, afterId: number, limit: number): StoredNotification[];
  watchGrant(grant: GrantWatch): void;
  unwatchGrant(grantId: string): void;
  /** Watched grants not yet notified whose validUntil is in (now, until]. */
  grantsExpiringBy(now: Date, until: Date): GrantWatch[];
  markGrantNotified(grantId: string, now: Date): void;
  /** Drops notifications older than `before` and watches of grants that expired before it. */
  prune(before: Date): void;
}
