import type { Clock } from '../platform/clock';
import { IDEMPOTENCY_TTL_MS } from '../api/idempotency';
import { systemClock } from '../platform/clock';
import { IN_MEMORY, openDatabase } from '../platform/database/database';
import type { GatewayStore } from './gateway-store';
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

export interface SqliteStoreOptions {
  /** A database file, or ':memory:' (tests). */
  file?: string;
  clock?: Clock;
}

/** Opens the database, applies pending migrations, and returns the store over it. */
export function openSqliteStore({ file = IN_MEMORY, clock = systemClock }: SqliteStoreOptions = {}): GatewayStore {
  const db = openDatabase(file);
  migrate(db);
  const samlReplay = new SqliteReplayGuard(db);
  const samlRequests = new SqliteRequestIds(db, clock);
  const sessions = new SqliteSessions(db);
  const idempotencyKeys = new SqliteIdempotencyKeys(db);
  return {
    principals: new SqlitePrincipals(db),
    sessions,
    tokens: new SqliteTokens(db),
    apiKeys: new SqliteApiKeys(db),
    samlReplay,
    samlRequests,
    fabricIdentities: new SqliteFabricIdentities(db),
    idempotencyKeys,
    notifications: new SqliteNotifications(db),
    directory: new SqliteDirectory(db),
    transaction: (work) => db.transaction(work)(),
    purgeExpired: (now, sessionIdleMs) => {
      sessions.purgeExpired(now.getTime(), sessionIdleMs);
      samlReplay.purgeExpired(now);
      samlRequests.purgeExpired(now);
      idempotencyKeys.purgeExpired(now.getTime() - IDEMPOTENCY_TTL_MS);
    },
    close: () => db.close(),
  };
}
