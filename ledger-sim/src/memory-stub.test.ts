import type { MemoryLedger } from './memory-ledger';
import type { LedgerIdentity } from './types';
import { doctor, newLedger } from './test-support/fixtures';
import { ledgerWithDoctor } from './test-support/ledger-with-doctor';
import type { HistoryEntry, PageResult } from './test-support/probe-contract';

/** Public world-state queries, driven through the probe contract. */

async function seed(ledger: MemoryLedger, caller: LedgerIdentity, entries: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(entries)) {
    await ledger.submit(caller, 'Probe:Put', [key, value]);
  }
}

async function seedIndex(ledger: MemoryLedger, caller: LedgerIdentity, objectType: string, keys: string[][]): Promise<void> {
  for (const attributes of keys) {
    await ledger.submit(caller, 'Probe:PutIndexed', [objectType, JSON.stringify(attributes), attributes.join('/')]);
  }
}

async function evaluateJson<T>(ledger: MemoryLedger, caller: LedgerIdentity, fn: string, args: string[]): Promise<T> {
  return JSON.parse(await ledger.evaluate(caller, fn, args)) as T;
}

/** Indexes one visit and one key of a neighbouring object type, then pages the visits from `bookmark`. */
async function pageVisitsBesideNeighbour([neighbourType, neighbourKey]: [string, string], bookmark: string): Promise<PageResult> {
  const { ledger, caller } = ledgerWithDoctor();
  await seedIndex(ledger, caller, 'visit', [['V1']]);
  await seedIndex(ledger, caller, neighbourType, [[neighbourKey]]);
  return evaluateJson<PageResult>(ledger, caller, 'Probe:PageByPartialKey', ['visit', '10', bookmark]);
}

describe('composite keys', () => {
  it('when a composite key is created, then it uses the shim format with U+0000 prefix and separators', async () => {
    const ledger = newLedger();

    const result = await ledger.submit(doctor(ledger), 'Probe:PutIndexed', ['grant', '["P1","D1"]', 'v']);

    expect(result.payload).toBe('\u0000grant\u0000P1\u0000D1\u0000');
  });

  it('when a composite key is split, then the object type and attributes come back', async () => {
    const ledger = newLedger();

    const split = await evaluateJson(ledger, doctor(ledger), 'Probe:SplitKey', ['grant', '["P1","D1"]']);

    expect(split).toEqual({ objectType: 'grant', attributes: ['P1', 'D1'] });
  });

  it('when a composite key attribute is empty, then the shim refuses it', async () => {
    const ledger = newLedger();

    await expect(ledger.evaluate(doctor(ledger), 'Probe:SplitKey', ['grant', '["P1",""]'])).rejects.toThrow(
      'object type or attribute not a non-zero length string',
    );
  });
});

describe('range queries', () => {
  it('when a range is queried, then keys from start (inclusive) to end (exclusive) come back in key order', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seed(ledger, caller, { c: '3', a: '1', d: '4', b: '2' });

    const found = await evaluateJson(ledger, caller, 'Probe:Range', ['b', 'd']);

    expect(found).toEqual([
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
  });

  it('when a range is unbounded, then composite keys are left out like in Fabric', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seed(ledger, caller, { a: '1', z: '26' });
    await seedIndex(ledger, caller, 'grant', [['P1', 'D1']]);

    const found = await evaluateJson<{ key: string }[]>(ledger, caller, 'Probe:Range', ['', '']);

    expect(found.map((entry) => entry.key)).toEqual(['a', 'z']);
  });

  it('when a range bound is a composite key, then the shim refuses the query', async () => {
    const ledger = newLedger();

    await expect(ledger.evaluate(doctor(ledger), 'Probe:Range', ['\u0000grant\u0000', ''])).rejects.toThrow(
      'contains a null character which is not allowed',
    );
  });

  it('when keys hold characters outside the BMP, then they sort by code point like LevelDB', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seed(ledger, caller, { 'k\u{1F600}': 'emoji', 'k\uFF21': 'fullwidth', ka: 'ascii' });

    const found = await evaluateJson<{ key: string }[]>(ledger, caller, 'Probe:Range', ['k', '']);

    expect(found.map((entry) => entry.key)).toEqual(['ka', 'k\uFF21', 'k\u{1F600}']);
  });

  it('when a partial composite key is queried, then exactly the keys extending it come back', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seedIndex(ledger, caller, 'grant', [['P2', 'D1'], ['P1', 'D2'], ['P1', 'D1'], ['P10', 'D9']]);
    await seedIndex(ledger, caller, 'grantee', [['P1', 'D3']]);

    const found = await evaluateJson(ledger, caller, 'Probe:ByPartialKey', ['grant', '["P1"]']);

    expect(found).toEqual([
      { parts: ['P1', 'D1'], value: 'P1/D1' },
      { parts: ['P1', 'D2'], value: 'P1/D2' },
    ]);
  });
});

describe('paginated queries', () => {
  it('when a range is read page by page, then each bookmark is the first key of the next page and the last is empty', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seed(ledger, caller, { k1: '1', k2: '2', k3: '3', k4: '4', k5: '5' });

    const first = await evaluateJson<PageResult>(ledger, caller, 'Probe:PageByRange', ['k1', '', '2', '']);
    const second = await evaluateJson<PageResult>(ledger, caller, 'Probe:PageByRange', ['k1', '', '2', first.bookmark]);
    const third = await evaluateJson<PageResult>(ledger, caller, 'Probe:PageByRange', ['k1', '', '2', second.bookmark]);

    expect(first).toEqual({ keys: ['k1', 'k2'], fetchedRecordsCount: 2, bookmark: 'k3' });
    expect(second).toEqual({ keys: ['k3', 'k4'], fetchedRecordsCount: 2, bookmark: 'k5' });
    expect(third).toEqual({ keys: ['k5'], fetchedRecordsCount: 1, bookmark: '' });
  });

  it('when the page ends exactly at the last key, then the bookmark is empty', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seed(ledger, caller, { k1: '1', k2: '2' });

    const page = await evaluateJson<PageResult>(ledger, caller, 'Probe:PageByRange', ['', '', '2', '']);

    expect(page).toEqual({ keys: ['k1', 'k2'], fetchedRecordsCount: 2, bookmark: '' });
  });

  it('when a partial composite key is paged, then pages follow key order and the bookmark is a composite key', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seedIndex(ledger, caller, 'visit', [['V3'], ['V1'], ['V2']]);
    await seedIndex(ledger, caller, 'visitor', [['X1']]);

    const first = await evaluateJson<PageResult>(ledger, caller, 'Probe:PageByPartialKey', ['visit', '2', '']);
    const second = await evaluateJson<PageResult>(ledger, caller, 'Probe:PageByPartialKey', ['visit', '2', first.bookmark]);

    expect(first.keys).toEqual(['\u0000visit\u0000V1\u0000', '\u0000visit\u0000V2\u0000']);
    expect(first.bookmark).toBe('\u0000visit\u0000V3\u0000');
    expect(second).toEqual({ keys: ['\u0000visit\u0000V3\u0000'], fetchedRecordsCount: 1, bookmark: '' });
  });

  // A peer (core/chaincode/handler.go) replaces the range's start key with the bookmark and keeps
  // the end key, without checking that the bookmark lies in the range. The chaincode must refuse
  // foreign bookmarks itself (chaincode/src/lib/paging.ts), so the simulator must not hide this.
  it('when a bookmark sorts below the partial key’s range, then the scan starts at the bookmark and returns keys outside the range, as on a peer', async () => {
    const page = await pageVisitsBesideNeighbour(['apple', 'A1'], '\u0000');

    expect(page).toEqual({ keys: ['\u0000apple\u0000A1\u0000', '\u0000visit\u0000V1\u0000'], fetchedRecordsCount: 2, bookmark: '' });
  });

  it('when a bookmark sorts above the partial key’s range, then the page is empty, as on a peer', async () => {
    const page = await pageVisitsBesideNeighbour(['zebra', 'Z1'], '\u0000zebra\u0000');

    expect(page).toEqual({ keys: [] }); // an empty last page carries no metadata on a peer either
  });

  // A peer refuses to mix a paginated query with writes in either order, with the shim's own message.
  it.each([
    [
      'writes after a paginated query, then the write',
      'Probe:PageThenWrite',
      'tx-page-write',
      'PUT_STATE failed: transaction ID: tx-page-write: txid [tx-page-write]: unsuppored transaction. ' +
        'Transaction has already performed a paginated query. Writes are not allowed',
    ],
    [
      'runs a paginated query after a write, then the query',
      'Probe:WriteThenPage',
      'tx-write-page',
      'GET_STATE_BY_RANGE failed: transaction ID: tx-write-page: txid [tx-write-page]: unsuppored transaction. ' +
        'Paginated queries are supported only in a read-only transaction',
    ],
  ])('when a transaction %s fails and nothing commits', async (_label, fn, txId, message) => {
    const ledger = newLedger();

    const failure = ledger.submit(doctor(ledger), fn, ['k'], { txId });

    await expect(failure).rejects.toThrow(message);
    expect(ledger.getState('k')).toBeUndefined();
  });
});

describe('key history', () => {
  it('when a key was written, rewritten and deleted, then its history lists the changes newest first', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    const created = await ledger.submit(caller, 'Probe:Put', ['k', 'v1'], { timestamp: new Date('2025-01-01T00:00:00.000Z') });
    const updated = await ledger.submit(caller, 'Probe:Put', ['k', 'v2'], { timestamp: new Date('2025-01-02T00:00:00.500Z') });
    const deleted = await ledger.submit(caller, 'Probe:Delete', ['k'], { timestamp: new Date('2025-01-03T00:00:00.000Z') });

    const history = await evaluateJson<HistoryEntry[]>(ledger, caller, 'Probe:History', ['k']);

    expect(history).toEqual([
      { txId: deleted.txId, isDelete: true, value: '', seconds: 1735862400, nanos: 0 },
      { txId: updated.txId, isDelete: false, value: 'v2', seconds: 1735776000, nanos: 500_000_000 },
      { txId: created.txId, isDelete: false, value: 'v1', seconds: 1735689600, nanos: 0 },
    ]);
  });

  it('when only other keys were written, then the history of a key is empty', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await ledger.submit(caller, 'Probe:Put', ['k', 'v1']);

    const history = await evaluateJson<HistoryEntry[]>(ledger, caller, 'Probe:History', ['other']);

    expect(history).toEqual([]);
  });
});
