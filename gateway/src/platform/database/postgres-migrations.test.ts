import type { Pool } from 'pg';
import { openDatabase } from './database';
import { MIGRATIONS, migrate } from './migrations';
import { openPostgresPool } from './postgres-database';
import { POSTGRES_MIGRATIONS, migratePostgres } from './postgres-migrations';
import { describeWithPostgres, usePostgresDatabase } from '../../test-support/postgres-cluster';
import { perTest } from '../../test-support/per-test';

describe('the two dialects of the schema', () => {
  it('when the migration lists are compared, then PostgreSQL has every SQLite migration under the same number and name', () => {
    const summary = (migrations: typeof MIGRATIONS) => migrations.map(({ version, name }) => ({ version, name }));

    expect(summary(POSTGRES_MIGRATIONS)).toEqual(summary(MIGRATIONS));
  });
});

describeWithPostgres('schema migrations on PostgreSQL', (cluster) => {
  const database = usePostgresDatabase(cluster);
  const pools: Pool[] = [];
  const openPool = (): Pool => {
    const pool = openPostgresPool(database.url);
    pools.push(pool);
    return pool;
  };
  perTest(
    () => ({}),
    () => Promise.all(pools.splice(0).map((pool) => pool.end())),
  );

  it('when a fresh database is migrated, then every migration is applied once and recorded in schema_version', async () => {
    const pool = openPool();

    const applied = await migratePostgres(pool);

    expect(applied).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
    const { rows } = await pool.query('SELECT version, name FROM schema_version ORDER BY version');
    expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('when it is migrated again, then nothing is re-applied and the data is still there', async () => {
    const pool = openPool();
    await migratePostgres(pool);
    await pool.query('INSERT INTO saml_requests (request_id, expires_at) VALUES ($1, $2)', ['id-kept', Date.now() + 60_000]);

    expect(await migratePostgres(openPool())).toEqual([]);

    const { rows } = await pool.query('SELECT request_id FROM saml_requests');
    expect(rows).toEqual([{ request_id: 'id-kept' }]);
  });

  it('when two gateways start on an empty database at once, then one applies every migration and the other none', async () => {
    const [first, second] = await Promise.all([migratePostgres(openPool()), migratePostgres(openPool())]);

    expect([first, second].map((applied) => applied.length).sort()).toEqual([0, POSTGRES_MIGRATIONS.length]);
    const { rows } = await openPool().query<{ count: number }>('SELECT COUNT(*)::int AS count FROM schema_version');
    expect(rows[0]?.count).toBe(POSTGRES_MIGRATIONS.length);
  });

  it('when a migration fails half-way, then none of it is applied and the version stays', async () => {
    const pool = openPool();
    await migratePostgres(pool);
    const broken = [...POSTGRES_MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); CREATE TABLE oops (' }];

    await expect(migratePostgres(pool, broken)).rejects.toThrow();

    const { rows } = await pool.query("SELECT to_regclass('half_done') AS half_done, (SELECT MAX(version) FROM schema_version) AS version");
    expect(rows).toEqual([{ half_done: null, version: POSTGRES_MIGRATIONS.length }]);
  });

  it('when both dialects are migrated, then they have the same tables with the same columns', async () => {
    const pool = openPool();
    await migratePostgres(pool);
    const sqlite = openDatabase(':memory:');
    migrate(sqlite);

    const sqliteColumns = (sqlite.prepare("SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'").all() as { tbl: string; col: string }[]).map(
      ({ tbl, col }) => `${tbl}.${col}`,
    );
    sqlite.close();
    const { rows } = await pool.query<{ tbl: string; col: string }>("SELECT table_name AS tbl, column_name AS col FROM information_schema.columns WHERE table_schema = 'public'");
    // rate_limit_windows is PostgreSQL's only: the SQLite gateway keeps its counters in memory.
    const postgresColumns = rows.filter(({ tbl }) => tbl !== 'rate_limit_windows').map(({ tbl, col }) => `${tbl}.${col}`);

    expect(postgresColumns.sort()).toEqual(sqliteColumns.sort());
    expect(postgresColumns.length).toBeGreaterThan(40);
  });
});
