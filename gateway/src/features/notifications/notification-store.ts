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
 * The notification service's tables (SQLite: sqlite-notifications.ts). A chaincode event's
 * notifications and its checkpoint are written in one store transaction (GatewayStore.transaction,
 * its `tx.notifications`).
 */
export interface NotificationStore {
  checkpoint(listener: string): Promise<EventPosition | undefined>;
  saveCheckpoint(listener: string, position: EventPosition, now: Date): Promise<void>;
  /** Active (not disabled) principals of these on-chain stakeholder IDs: stakeholder ID → principal ID. */
  principalsOf(stakeholderIds: readonly string[]): Promise<Map<string, string>>;
  rememberPatient(objectId: string, patientId: string): Promise<void>;
  patientOf(objectId: string): Promise<string | undefined>;
  /** Stores them with new, increasing IDs, and trims each principal's backlog to `perPrincipal`. */
  insert(drafts: readonly NotificationDraft[], now: Date, perPrincipal: number): Promise<StoredNotification[]>;
  /** The principal's notifications with an ID greater than `afterId`, oldest first. */
  after(principalId: string, afterId: number, limit: number): Promise<StoredNotification[]>;
  watchGrant(grant: GrantWatch): Promise<void>;
  unwatchGrant(grantId: string): Promise<void>;
  /** Watched grants not yet notified whose validUntil is in (now, until]. */
  grantsExpiringBy(now: Date, until: Date): Promise<GrantWatch[]>;
  markGrantNotified(grantId: string, now: Date): Promise<void>;
  /** Drops notifications older than `before` and watches of grants that expired before it. */
  prune(before: Date): Promise<void>;
}

/** The notification store with the gateway store's transactions (a GatewayStore is one). */
export interface NotificationStores {
  notifications: NotificationStore;
  /** All of `work`'s writes through `tx.notifications`, or none. */
  transaction<T>(work: (tx: { notifications: NotificationStore }) => Promise<T>): Promise<T>;
}
