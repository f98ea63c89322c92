import type { Database } from 'better-sqlite3';
import { ConnectionGate } from './connection-gate';
import { IN_MEMORY, openDatabase } from './database';
import { DuplicateKeyError, StoreMisuseError } from './store-errors';

/** One connection with a table of keys; what the gate runs are plain better-sqlite3 statements on it. */
function setUp(): { db: Database; gate: ConnectionGate; insert: (key: string) => () => void; keys: () => string[] } {
  const db = openDatabase(IN_MEMORY);
  db.exec('CREATE TABLE keys (key TEXT PRIMARY KEY)');
  return {
    db,
    gate: new ConnectionGate(db),
    insert: (key) => () => {
      db.prepare('INSERT INTO keys (key) VALUES (?)').run(key);
    },
    keys: () => (db.prepare('SELECT key FROM keys ORDER BY key').all() as { key: string }[]).map((row) => row.key),
  };
}

/** Lets every pending callback run (the work's awaits, the waiting statements). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the connection gate: asynchronous transactions on one synchronous connection', () => {
  it('when a statement is issued while a transaction awaits, then it waits for the commit and sees all of it', async () => {
    const { gate, insert, keys } = setUp();
    let finish = (): void => undefined;
    const transaction = gate.transaction(async (statement) => {
      await statement(insert('a'));
      await new Promise<void>((resolve) => (finish = resolve));
      await statement(insert('b'));
    });
    await settled();

    const seenOutside = gate.statement(keys);
    await settled();
    const answeredBeforeCommit = await Promise.race([seenOutside.then(() => true), settled().then(() => false)]);
    finish();
    await transaction;

    expect(answeredBeforeCommit).toBe(false);
    expect(await seenOutside).toEqual(['a', 'b']);
  });

  it('when the work throws, then none of its writes stay, the error comes back, and the connection serves the next statement', async () => {
    const { gate, insert, keys } = setUp();
    let resume = (): void => undefined;
    const failed = gate.transaction(async (statement) => {
      await statement(insert('a'));
      await new Promise<void>((resolve) => (resume = resolve));
      await statement(insert('b'));
      throw new Error('refused half-way');
    });
    await settled();

    const outside = gate.statement(insert('outside'));
    resume();

    await expect(failed).rejects.toThrow('refused half-way');
    await outside;
    expect(await gate.statement(keys)).toEqual(['outside']);
  });

  it('when two transactions are started together, then the second begins after the first has committed', async () => {
    const { gate, insert, keys } = setUp();
    const order: string[] = [];

    await Promise.all(
      ['first', 'second'].map((name) =>
        gate.transaction(async (statement) => {
          order.push(`${name} begins`);
          await statement(insert(name));
          await settled();
          order.push(`${name} ends`);
        }),
      ),
    );

    expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
    expect(await gate.statement(keys)).toEqual(['first', 'second']);
  });

  it('when the work uses the outer connection, nests a transaction, or keeps its repositories past the end, then it fails with StoreMisuseError instead of waiting forever', async () => {
    const { gate, insert, keys } = setUp();
    let leaked: ((run: () => unknown) => Promise<unknown>) | undefined;

    const outer = gate.transaction(() => gate.statement(keys));
    const nested = gate.transaction(() => gate.transaction(() => Promise.resolve()));
    await gate.transaction((statement) => {
      leaked = statement;
      return Promise.resolve();
    });

    await expect(outer).rejects.toBeInstanceOf(StoreMisuseError);
    await expect(nested).rejects.toBeInstanceOf(StoreMisuseError);
    await expect(leaked?.(insert('late'))).rejects.toBeInstanceOf(StoreMisuseError);
    expect(await gate.statement(keys)).toEqual([]);
  });

  it('when an insert meets an existing key, then the error is a DuplicateKeyError, inside a transaction or not', async () => {
    const { gate, insert } = setUp();
    await gate.statement(insert('a'));

    await expect(gate.statement(insert('a'))).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(gate.transaction((statement) => statement(insert('a')))).rejects.toBeInstanceOf(DuplicateKeyError);
  });
});
