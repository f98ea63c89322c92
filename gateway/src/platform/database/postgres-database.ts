import { Pool, TypeOverrides, types as pgTypes, type PoolClient } from 'pg';

/**
 * Epoch milliseconds and identity columns are BIGINT; node-postgres hands BIGINT over as a string
 * because it may exceed 2^53. Ours never do (milliseconds until the year 285616), so they are
 * numbers, as SQLite gives them, and the repositories of both stores read rows alike.
 */
const types = new TypeOverrides();
types.setTypeParser(pgTypes.builtins.INT8, Number);

export interface PostgresPoolOptions {
  /** Called when an idle pooled connection fails (the server restarted, a network cut): the pool replaces it. */
  onIdleError?: (error: Error) => void;
  max?: number;
}

/** A pool of connections to MEDLEDGER_DATABASE_URL. */
export function openPostgresPool(url: string, { onIdleError = () => undefined, max = 10 }: PostgresPoolOptions = {}): Pool {
  const pool = new Pool({ connectionString: url, types, max });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', onIdleError);
  return pool;
}

/** Runs `work` on one pooled connection inside BEGIN ... COMMIT, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The URL as logs may show it: user, host, port and database, never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'an unparseable PostgreSQL URL';
  }
}
