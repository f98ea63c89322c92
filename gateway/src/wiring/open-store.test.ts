import { Client } from 'pg';
import { createLogger } from '../platform/logging/logger';
import { systemClock } from '../platform/clock';
import { LogCapture } from '../test-support/log-capture';
import { describeWithPostgres, usePostgresDatabase } from '../test-support/postgres-cluster';
import { testConfig } from '../test-support/test-gateway';
import { useTemporaryDirectory } from '../test-support/temporary-directory';
import { openStore } from './open-store';

const notOnOrAfter = new Date(Date.now() + 3_600_000);

describe('the store the configuration names, without MEDLEDGER_DATABASE_URL', () => {
  const dir = useTemporaryDirectory('medledger-open-store-');

  it('when no database URL is set, then the store is the SQLite file in the data directory', async () => {
    const config = testConfig({ MEDLEDGER_DATA_DIR: dir.path });
    const store = await openStore(config, createLogger('silent'), systemClock);
    await store.samlReplay.consumeOnce('in-the-file', notOnOrAfter);
    await store.close();

    const reopened = await openStore(config, createLogger('silent'), systemClock);
    expect(await reopened.samlReplay.consumeOnce('in-the-file', notOnOrAfter)).toBe(false);
    await reopened.close();
  });
});

describeWithPostgres('the store the configuration names, with MEDLEDGER_DATABASE_URL', (cluster) => {
  const database = usePostgresDatabase(cluster);

  it('when a database URL is set, then the store is that PostgreSQL database, and the log names it without the password', async () => {
    const url = new URL(database.url);
    url.password = 'not-checked-by-trust-auth';
    const logs = new LogCapture();
    const store = await openStore(testConfig({ MEDLEDGER_DATABASE_URL: url.toString() }), createLogger('info', logs), systemClock);

    await store.samlReplay.consumeOnce('in-postgres', notOnOrAfter);
    await store.close();

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('SELECT assertion_id FROM saml_replay');
    await client.end();
    expect(rows).toEqual([{ assertion_id: 'in-postgres' }]);
    expect(logs.text()).toContain('store: PostgreSQL');
    expect(logs.text()).not.toContain('not-checked-by-trust-auth');
  });
});
