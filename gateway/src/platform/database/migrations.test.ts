import { join } from 'node:path';
import { openDatabase } from './database';
import { MIGRATIONS, migrate } from './migrations';
import { openSqliteStore } from '../../wiring/sqlite-store';
import { useTemporaryDirectory } from '../../test-support/temporary-directory';

describe('schema migrations', () => {
  const dir = useTemporaryDirectory('medledger-store-');

  it('when a fresh database is migrated, then every migration is applied once and recorded in schema_version', () => {
    const db = openDatabase(':memory:');

    const applied = migrate(db);

    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(db.prepare('SELECT version FROM schema_version ORDER BY version').all()).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    db.close();
  });

  it('when the same file is opened again, then nothing is re-applied and the data is still there', async () => {
    const file = join(dir.path, 'gateway.sqlite');
    const first = openSqliteStore({ file });
    await first.samlRequests.remember('id-kept-across-restarts', new Date(Date.now() + 60_000));
    await first.close();

    const db = openDatabase(file);
    expect(migrate(db)).toEqual([]);
    db.close();
    const second = openSqliteStore({ file });
    expect(await second.samlRequests.consume('id-kept-across-restarts')).toBe(true);
    await second.close();
  });

  it('when a migration fails half-way, then none of it is applied and the version stays', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); CREATE TABLE oops (' }];

    expect(() => migrate(db, broken)).toThrow();

    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS version FROM schema_version').get()).toEqual({ version: MIGRATIONS.length });
    db.close();
  });

  it('when the migrations are listed, then their numbers are consecutive from 1', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });
});
