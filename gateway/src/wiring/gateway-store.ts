import type { ApiKeyRepository } from '../identity/api-keys/api-key-repository';
import type { SessionRepository } from '../identity/sessions/session-repository';
import type { TokenRepository } from '../identity/tokens/token-repository';
import type { PrincipalRepository } from '../identity/principals/principal-repository';
import type { IdentityRecordStore } from '../ledger/ledger-port';
import type { ReplayGuard, RequestIdStore } from '../identity/saml/types';
import type { IdempotencyStore } from '../api/idempotency';
import type { NotificationStore } from '../features/notifications/notification-store';
import type { DirectoryRepository } from '../features/directory/directory-repository';

/** Everything the gateway keeps off chain, behind one small interface (SQLite in practice). */
export interface GatewayStore {
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
  /** Runs `work` in one database transaction: all of its writes or none. */
  transaction<T>(work: () => T): T;
  /** Deletes expired sessions, SAML replay entries, request IDs and idempotency keys. */
  purgeExpired(now: Date, sessionIdleMs: number): void;
  close(): void;
}
