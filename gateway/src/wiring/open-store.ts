import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Clock } from '../platform/clock';
import type { GatewayStore } from './gateway-store';
import { openSqliteStore } from './sqlite-store';

/**
 * The store the configuration names: PostgreSQL at MEDLEDGER_DATABASE_URL, which several gateways
 * can share, or else the embedded SQLite file, for one gateway. Both apply their pending migrations.
 */
export async function openStore(config: Readonly<Config>, logger: Logger, clock: Clock): Promise<GatewayStore> {
  if (config.databaseUrl === undefined) {
    return openSqliteStore({ file: config.databaseFile, clock });
  }
  // Loaded for PostgreSQL only: the driver is a noticeable part of the operator CLI's start-up.
  const [{ describePostgresUrl }, { openPostgresStore }] = await Promise.all([import('../platform/database/postgres-database'), import('./postgres-store')]);
  // Logged without its password (and without query options, which may carry one).
  logger.info({ database: describePostgresUrl(config.databaseUrl) }, 'store: PostgreSQL');
  return openPostgresStore({
    url: config.databaseUrl,
    clock,
    onConnectionError: (error) => {
      logger.warn({ reason: error.message }, 'an idle PostgreSQL connection failed; the pool opens another');
    },
  });
}
