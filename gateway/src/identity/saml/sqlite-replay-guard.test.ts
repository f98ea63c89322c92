import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openSqliteStore } from '../../wiring/sqlite-store';
import { CONSUME_ASSERTION_SQL } from './sqlite-replay-guard';
import { useTemporaryDirectory } from '../../test-support/temporary-directory';

const IN_AN_HOUR = new Date(Date.now() + 3_600_000);

/**
 * A worker thread with its own better-sqlite3 connection to the file, which waits at a shared
 * barrier and then runs the guard's statement, so the inserts really race.
 */
const RACER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const statement = db.prepare(workerData.sql);
const barrier = new Int32Array(workerData.barrier);
Atomics.add(barrier, 0, 1);
while (Atomics.load(barrier, 0) < workerData.racers) {}
const won = statement.run(workerData.assertionId, workerData.notOnOrAfter).changes === 1;
db.close();
parentPort.postMessage(won);
`;

function race(file: string, racers: number, assertionId: string): Promise<boolean[]> {
  const barrier = new SharedArrayBuffer(4);
  const driver = require.resolve('better-sqlite3');
  return Promise.all(
    Array.from({ length: racers }, () => {
      const worker = new Worker(RACER, { eval: true, workerData: { driver, file, sql: CONSUME_ASSERTION_SQL, barrier, racers, assertionId, notOnOrAfter: IN_AN_HOUR.getTime() } });
      return new Promise<boolean>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    }),
  );
}

describe('SAML replay guard', () => {
  const dir = useTemporaryDirectory('medledger-replay-');

  it('when an assertion ID is consumed twice, then only the first is accepted', async () => {
    const store = openSqliteStore();

    expect(await store.samlReplay.consumeOnce('_a1', IN_AN_HOUR)).toBe(true);
    expect(await store.samlReplay.consumeOnce('_a1', IN_AN_HOUR)).toBe(false);
    expect(await store.samlReplay.consumeOnce('_a2', IN_AN_HOUR)).toBe(true);
    await store.close();
  });

  it('when many requests consume the same ID at once, then exactly one wins', async () => {
    const store = openSqliteStore();

    const results = await Promise.all(Array.from({ length: 50 }, () => store.samlReplay.consumeOnce('_same', IN_AN_HOUR)));

    expect(results.filter(Boolean)).toHaveLength(1);
    await store.close();
  });

  it('when two connections to the same database file consume the same ID, then exactly one wins', async () => {
    const file = join(dir.path, 'gateway.sqlite');
    const first = openSqliteStore({ file });
    const second = openSqliteStore({ file });

    const results = await Promise.all([first, second, first, second].map((store) => store.samlReplay.consumeOnce('_shared', IN_AN_HOUR)));

    expect(results).toEqual([true, false, false, false]);
    await first.close();
    await second.close();
  });

  it('when eight threads with their own connections race on one ID, then exactly one wins', async () => {
    const file = join(dir.path, 'gateway.sqlite');
    await openSqliteStore({ file }).close();

    const results = await race(file, 8, '_raced');

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('when expired entries are purged, then unexpired ones still block replays', async () => {
    const store = openSqliteStore();
    const now = new Date();
    await store.samlReplay.consumeOnce('_old', new Date(now.getTime() - 1));
    await store.samlReplay.consumeOnce('_live', IN_AN_HOUR);

    await store.purgeExpired(now, 60_000);

    expect(await store.samlReplay.consumeOnce('_live', IN_AN_HOUR)).toBe(false);
    expect(await store.samlReplay.consumeOnce('_old', IN_AN_HOUR)).toBe(true);
    await store.close();
  });
});
