import type { Database } from 'better-sqlite3';
import type { Clock } from '../platform/clock';
import { IDEMPOTENCY_TTL_MS } from '../api/idempotency';
import { systemClock } from '../platform/clock';
import { MemoryRateLimitCounters } from '../api/rate-limit-counters';
import { asyncPort, ConnectionGate, type StatementRunner } from '../platform/database/connection-gate';
import { IN_MEMORY, openDatabase } from '../platform/database/database';
import type { GatewayRepositories, GatewayStore } from './gateway-store';
import type { ApiKeyRepository } from '../identity/api-keys/api-key-repository';
import type { SessionRepository } from '../identity/sessions/session-repository';
import type { TokenRepository } from '../identity/tokens/token-repository';
import type { PrincipalRepository } from '../identity/principals/principal-repository';
import type { IdentityRecordStore } from '../ledger/ledger-port';
import type { ReplayGuard, RequestIdStore } from '../identity/saml/types';
import type { IdempotencyStore } from '../api/idempotency-store';
import type { NotificationStore } from '../features/notifications/notification-store';
import type { DirectoryRepository } from '../features/directory/directory-repository';
import { migrate } from '../platform/database/migrations';
import { SqliteApiKeys } from '../identity/api-keys/sqlite-api-keys';
import { SqliteFabricIdentities } from '../ledger/sqlite-fabric-identities';
import { SqliteIdempotencyKeys } from '../api/sqlite-idempotency-keys';
import { SqliteNotifications } from '../features/notifications/sqlite-notifications';
import { SqliteDirectory } from '../features/directory/sqlite-directory';
import { SqlitePrincipals } from '../identity/principals/sqlite-principals';
import { SqliteReplayGuard } from '../identity/saml/sqlite-replay-guard';
import { SqliteRequestIds } from '../identity/saml/sqlite-request-ids';
import { SqliteSessions } from '../identity/sessions/sqlite-sessions';
import { SqliteTokens } from '../identity/tokens/sqlite-tokens';
import { SqliteKeyVault } from '../files/keys/sqlite-key-vault';
import type { KeyVaultRepository } from '../files/keys/key-vault-repository';

export interface SqliteStoreOptions {
  /** A database file, or ':memory:' (tests). */
  file?: string;
  clock?: Clock;
}

/**
 * Opens the database, applies pending migrations, and returns the store over it. The SQLite
 * repositories are synchronous (better-sqlite3); the ConnectionGate makes them the asynchronous
 * ports and keeps other requests' statements out of an open transaction (connection-gate.ts).
 */
export function openSqliteStore({ file = IN_MEMORY, clock = systemClock }: SqliteStoreOptions = {}): GatewayStore {
  const db = openDatabase(file);
  migrate(db);
  const gate = new ConnectionGate(db);
  const sync = sqliteRepositories(db, clock);
  return {
    ...repositoriesOver(sync, gate.statement),
    // one process per SQLite database: its counters need not leave memory
    rateLimits: new MemoryRateLimitCounters(),
    transaction: (work) => gate.transaction((inTransaction) => work(repositoriesOver(sync, inTransaction))),
    purgeExpired: (now, sessionIdleMs) =>
      gate.statement(() => {
        sync.sessions.purgeExpired(now.getTime(), sessionIdleMs);
        sync.samlReplay.purgeExpired(now);
        sync.samlRequests.purgeExpired(now);
        sync.idempotencyKeys.purgeExpired(now.getTime() - IDEMPOTENCY_TTL_MS);
      }),
    close: () =>
      gate.statement(() => {
        db.close();
      }),
  };
}

function sqliteRepositories(db: Database, clock: Clock) {
  return {
    principals: new SqlitePrincipals(db),
    sessions: new SqliteSessions(db),
    tokens: new SqliteTokens(db),
    apiKeys: new SqliteApiKeys(db),
    samlReplay: new SqliteReplayGuard(db),
    samlRequests: new SqliteRequestIds(db, clock),
    fabricIdentities: new SqliteFabricIdentities(db),
    idempotencyKeys: new SqliteIdempotencyKeys(db),
    notifications: new SqliteNotifications(db),
    directory: new SqliteDirectory(db),
    fileKeys: new SqliteKeyVault(db),
  };
}

function repositoriesOver(sync: ReturnType<typeof sqliteRepositories>, run: StatementRunner): GatewayRepositories {
  return {
    principals: asyncPort<PrincipalRepository>(sync.principals, run),
    sessions: asyncPort<SessionRepository>(sync.sessions, run),
    tokens: asyncPort<TokenRepository>(sync.tokens, run),
    apiKeys: asyncPort<ApiKeyRepository>(sync.apiKeys, run),
    samlReplay: asyncPort<ReplayGuard>(sync.samlReplay, run),
    samlRequests: asyncPort<RequestIdStore>(sync.samlRequests, run),
    fabricIdentities: asyncPort<IdentityRecordStore>(sync.fabricIdentities, run),
    idempotencyKeys: asyncPort<IdempotencyStore>(sync.idempotencyKeys, run),
    notifications: asyncPort<NotificationStore>(sync.notifications, run),
    directory: asyncPort<DirectoryRepository>(sync.directory, run),
    fileKeys: asyncPort<KeyVaultRepository>(sync.fileKeys, run),
  };
}
