import type { ApiKeyRepository } from '../identity/api-keys/api-key-repository';
import type { SessionRepository } from '../identity/sessions/session-repository';
import type { TokenRepository } from '../identity/tokens/token-repository';
import type { PrincipalRepository } from '../identity/principals/principal-repository';
import type { IdentityRecordStore } from '../ledger/ledger-port';
import type { ReplayGuard, RequestIdStore } from '../identity/saml/types';
import type { IdempotencyStore } from '../api/idempotency-store';
import type { NotificationStore } from '../features/notifications/notification-store';
import type { DirectoryRepository } from '../features/directory/directory-repository';
import type { RateLimitCounters } from '../api/rate-limit-counters';
import type { NotificationReplicas } from '../features/notifications/replicas';
import type { KeyVaultRepository } from '../files/keys/key-vault-repository';

/** The store's repositories; inside a transaction, the same repositories bound to it. */
export interface GatewayRepositories {
  principals: PrincipalRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  apiKeys: ApiKeyRepository;
  samlReplay: ReplayGuard;
  samlRequests: RequestIdStore;
  fabricIdentities: IdentityRecordStore;
  /** Idempotency-Key records of REST POSTs (api/idempotency.ts). */
  idempotencyKeys: IdempotencyStore;
  /** Notification backlog, event checkpoint, watched grants (notifications/). */
  notifications: NotificationStore;
  /** The directory of professionals' display data (features/directory/). */
  directory: DirectoryRepository;
  /** The files key vault's sealed KEKs and wrapped data keys (files/keys/store-key-vault.ts seals them). */
  fileKeys: KeyVaultRepository;
}

/**
 * Everything the gateway keeps off chain, behind one asynchronous interface: SQLite embedded
 * (sqlite-store.ts) or a network database shared by several gateways. Every method returns a
 * Promise, so either can stand behind it.
 */
export interface GatewayStore extends GatewayRepositories {
  /** The rate limits' counters, shared by every gateway on this database (api/rate-limit-counters.ts); never inside a transaction. */
  rateLimits: RateLimitCounters;
  /**
   * Runs `work` in one database transaction: all of its writes or none (it rolls back if `work`
   * throws). Inside `work`, use only `tx`; the store itself, or a nested transaction, is a bug
   * (SQLite throws StoreMisuseError). Keep it short: no ledger or network calls inside.
   */
  transaction<T>(work: (tx: GatewayRepositories) => Promise<T>): Promise<T>;
  /** Deletes expired sessions, SAML replay entries, request IDs and idempotency keys. */
  purgeExpired(now: Date, sessionIdleMs: number): Promise<void>;
  /** A store several gateways share (PostgreSQL): how they share notifications. Absent for one gateway alone (SQLite). */
  readonly replicas?: NotificationReplicas;
  close(): Promise<void>;
}
