import type { Pool } from 'pg';
import type { Clock } from '../platform/clock';
import { IDEMPOTENCY_TTL_MS } from '../api/idempotency';
import { systemClock } from '../platform/clock';
import { inTransaction, openPostgresPool, poolSql, transactionSql, type Sql } from '../platform/database/postgres-database';
import { migratePostgres } from '../platform/database/postgres-migrations';
import type { GatewayStore } from './gateway-store';
import { PostgresRateLimitCounters } from '../api/postgres-rate-limit-counters';
import { PostgresLease } from '../platform/database/postgres-lease';
import { PostgresNotificationBus } from '../features/notifications/postgres-notification-bus';
import type { NotificationStore } from '../features/notifications/notification-store';
import type { NotificationReplicas } from '../features/notifications/replicas';
import { PostgresApiKeys } from '../identity/api-keys/postgres-api-keys';
import { PostgresFabricIdentities } from '../ledger/postgres-fabric-identities';
import { PostgresIdempotencyKeys } from '../api/postgres-idempotency-keys';
import { PostgresNotifications } from '../features/notifications/postgres-notifications';
import { PostgresDirectory } from '../features/directory/postgres-directory';
import { PostgresPrincipals } from '../identity/principals/postgres-principals';
import { PostgresReplayGuard } from '../identity/saml/postgres-replay-guard';
import { PostgresRequestIds } from '../identity/saml/postgres-request-ids';
import { PostgresSessions } from '../identity/sessions/postgres-sessions';
import { PostgresTokens } from '../identity/tokens/postgres-tokens';
import { PostgresKeyVault } from '../files/keys/postgres-key-vault';

/** Rate-limit windows older than this have ended (the longest window is an hour). */
const DAY_MS = 86_400_000;

export interface PostgresStoreOptions {
  /** MEDLEDGER_DATABASE_URL: postgresql://user:password@host:port/database */
  url: string;
  clock?: Clock;
  /** An idle pooled connection failed (the pool replaces it); the message only, never the URL. */
  onConnectionError?: (error: Error) => void;
}

/**
 * The gateway store on PostgreSQL, which several gateways share: every table of the SQLite store,
 * with the same migrations (postgres-migrations.ts). Opening applies pending migrations; gateways
 * starting at once take turns (an advisory lock). A transaction runs on one pooled connection
 * between BEGIN and COMMIT, and its repositories use only that connection; statements outside it
 * take any connection, so other requests never wait for it (READ COMMITTED; the repositories'
 * atomic decisions rest on primary keys and single statements, not on isolation).
 */
export async function openPostgresStore({ url, clock = systemClock, onConnectionError }: PostgresStoreOptions): Promise<GatewayStore> {
  const pool = openPostgresPool(url, { onIdleError: onConnectionError });
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return postgresStoreOver(url, pool, clock, onConnectionError);
}

function postgresStoreOver(url: string, pool: Pool, clock: Clock, onError: ((error: Error) => void) | undefined): GatewayStore {
  const sql = poolSql(pool);
  const repositories = postgresRepositories(sql, clock);
  const rateLimits = new PostgresRateLimitCounters(sql);
  return {
    ...repositories,
    rateLimits,
    replicas: postgresReplicas(url, pool, repositories.notifications, onError),
    transaction: (work) => inTransaction(pool, (client) => work(postgresRepositories(transactionSql(client), clock))),
    purgeExpired: async (now, sessionIdleMs) => {
      await repositories.sessions.purgeExpired(now.getTime(), sessionIdleMs);
      await repositories.samlReplay.purgeExpired(now);
      await repositories.samlRequests.purgeExpired(now);
      await repositories.idempotencyKeys.purgeExpired(now.getTime() - IDEMPOTENCY_TTL_MS);
      await rateLimits.purgeEnded(now.getTime() - DAY_MS);
    },
    close: () => pool.end(),
  };
}

/** Notifications shared over LISTEN/NOTIFY, and leases on advisory locks, each on a connection of its own. */
function postgresReplicas(url: string, pool: Pool, notifications: NotificationStore, onError: ((error: Error) => void) | undefined): NotificationReplicas {
  const errors = onError === undefined ? {} : { onError };
  return {
    bus: new PostgresNotificationBus({ url, pool, store: notifications, ...errors }),
    lead: async (name, work) => {
      const lease = new PostgresLease(url, { name, onAcquired: () => void work.start(), onLost: () => work.stop(), ...errors });
      await lease.start();
      return () => lease.close();
    },
  };
}

/** The repositories over `sql` (their own types: the store also purges through them). */
function postgresRepositories(sql: Sql, clock: Clock) {
  return {
    principals: new PostgresPrincipals(sql),
    sessions: new PostgresSessions(sql),
    tokens: new PostgresTokens(sql),
    apiKeys: new PostgresApiKeys(sql),
    samlReplay: new PostgresReplayGuard(sql),
    samlRequests: new PostgresRequestIds(sql, clock),
    fabricIdentities: new PostgresFabricIdentities(sql),
    idempotencyKeys: new PostgresIdempotencyKeys(sql),
    notifications: new PostgresNotifications(sql),
    directory: new PostgresDirectory(sql),
    fileKeys: new PostgresKeyVault(sql),
  };
}
