import type { ApiKeyRepository } from '../auth/api-keys/api-key-repository';
import type { SessionRepository } from '../auth/sessions/session-repository';
import type { TokenRepository } from '../auth/tokens/token-repository';
import type { PrincipalRepository } from '../principals/principal-repository';
import type { IdentityRecordStore } from '../fabric/types';
import type { ReplayGuard, RequestIdStore } from '../auth/saml/types';
import type { IdempotencyStore } from '../rest/idempotency';
import type { NotificationStore } from '../notifications/notification-store';

/** Everything the gateway keeps off chain, behind one small interface (SQLite in practice). */
export interface GatewayStore {
  principals: PrincipalRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  apiKeys: ApiKeyRepository;
  samlReplay: ReplayGuard;
  samlRequests: RequestIdStore;
  fabricIdentities: IdentityRecordStore;
  /** Idempotency-Key records of REST POSTs (rest/idempotency.ts). */
  idempotencyKeys: IdempotencyStore;
  /** Notification backlog, event checkpoint, watched grants (notifications/). */
  notifications: NotificationStore;
  /** Runs `work` in one database transaction: all of its writes or none. */
  transaction<T>(work: () => T): T;
  /** Deletes expired sessions, SAML replay entries, request IDs and idempotency keys. */
  purgeExpired(now: Date, sessionIdleMs: number): void;
  close(): void;
}
