import type { StoredNotification } from './notification';

/** Stored notifications on their way to the live streams of every gateway that shares the store. */
export interface NotificationBus {
  /** After the storing transaction committed: every gateway's streams get them, this one's too. */
  publish(notifications: readonly StoredNotification[]): Promise<void>;
  /** `deliver` gets what any gateway publishes from the moment this resolves. Resolves to a stop function. */
  subscribe(deliver: (notifications: readonly StoredNotification[]) => void): Promise<() => Promise<void>>;
}

/** Work that one gateway of those sharing a store does at a time. */
export interface LeadWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How gateways that share one store (PostgreSQL) share notifications: each event is stored once,
 * by whichever gateway holds the lease on listening, and every gateway's streams get it over the
 * bus. A store used by one gateway alone (SQLite) has none, and the feature publishes to its own hub.
 */
export interface NotificationReplicas {
  bus: NotificationBus;
  /** Starts `work` while this gateway holds the named lease and stops it when the lease is lost. Resolves to a release function. */
  lead(name: string, work: LeadWork): Promise<() => Promise<void>>;
}
