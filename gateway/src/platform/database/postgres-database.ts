import { Pool, TypeOverrides, types as pgTypes, type PoolClient, type QueryResult } from 'pg';
import { DuplicateKeyError } from './store-errors';

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

/**
 * The statements a PostgreSQL repository runs, over the pool (each statement on any connection)
 * or over the one connection of an open transaction. Named as better-sqlite3 names them, so the
 * two dialects' repositories read alike. A unique-key violation leaves as DuplicateKeyError.
 */
export interface Sql {
  all<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  get<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row | undefined>;
  /** Runs a write: how many rows it changed. */
  run(text: string, params?: readonly unknown[]): Promise<number>;
  /** Runs `work` atomically: in a transaction of its own on the pool, as part of the open one on a transaction's connection. */
  atomically<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

const UNIQUE_VIOLATION = '23505';

/** Statements on the pool; atomically() opens a transaction on one of its connections. */
export function poolSql(pool: Pool): Sql {
  return sqlOn(pool, (work) => inTransaction(pool, (client) => work(transactionSql(client))));
}

/** Statements on the connection of an open transaction; atomically() is simply part of it. */
export function transactionSql(client: PoolClient): Sql {
  const sql: Sql = sqlOn(client, (work) => work(sql));
  return sql;
}

function sqlOn(db: Pool | PoolClient, atomically: Sql['atomically']): Sql {
  const query = async (text: string, params: readonly unknown[] = []): Promise<QueryResult> => {
    try {
      return await db.query(text, [...params]);
    } catch (error) {
      throw asStoreError(error);
    }
  };
  // The row types are the repositories' word for what their SELECT returns: pg does not check them.
  return {
    all: async <Row extends object>(text: string, params?: readonly unknown[]) => (await query(text, params)).rows as Row[],
    get: async <Row extends object>(text: string, params?: readonly unknown[]) => (await query(text, params)).rows[0] as Row | undefined,
    run: async (text, params) => (await query(text, params)).rowCount ?? 0,
    atomically,
  };
}

/** The constraint's name, never the error's detail: that quotes the key's values (names, subjects). */
function asStoreError(error: unknown): unknown {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION ? new DuplicateKeyError(typeof constraint === 'string' ? constraint : 'unique constraint') : error;
}
