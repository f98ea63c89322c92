import { TransactionSimulator } from './transaction-simulator';
import { WorldState } from './world-state';
import { WriteSet } from './write-set';

const CONTEXT = { txId: 'tx-1', channelId: 'medledger', chaincodeName: 'medledger' };

function worldWith(entries: Record<string, string>): WorldState {
  const world = new WorldState(['Records']);
  const writeSet = new WriteSet();
  for (const [key, value] of Object.entries(entries)) {
    writeSet.putState(key, Buffer.from(value));
  }
  world.commit({ txId: 'seed', timestamp: { seconds: 0, nanos: 0 }, chaincodeName: 'medledger', writeSet });
  return world;
}

describe('TransactionSimulator', () => {
  it('when a request arrives after the transaction completed, then it fails as without ledger context', () => {
    const simulator = new TransactionSimulator(worldWith({}), CONTEXT);

    simulator.complete();

    expect(() => {
      simulator.putState('k', Buffer.from('v'));
    }).toThrow('PUT_STATE failed: transaction ID: tx-1: no ledger context');
  });

  it('when a range is requested with page size 0 and no bookmark, then it is a plain query without metadata or read-only mode', () => {
    const simulator = new TransactionSimulator(worldWith({ a: '1', b: '2' }), CONTEXT);

    const response = simulator.rangeQuery('a', '', { pageSize: 0, bookmark: '' });
    simulator.putState('c', Buffer.from('3'));

    expect(response.results.map((result) => result.key)).toEqual(['a', 'b']);
    expect(response.metadata).toBeUndefined();
  });

  it('when a bookmark is given, then the page starts at the bookmark instead of the start key', () => {
    const simulator = new TransactionSimulator(worldWith({ a: '1', b: '2', c: '3' }), CONTEXT);

    const response = simulator.rangeQuery('a', '', { pageSize: 1, bookmark: 'b' });

    expect(response.results.map((result) => result.key)).toEqual(['b']);
    expect(response.metadata).toEqual({ fetchedRecordsCount: 1, bookmark: 'c' });
  });

  it('when a paginated range finds nothing, then there is no metadata, as from a real peer (all-default metadata is sent as zero bytes)', () => {
    const simulator = new TransactionSimulator(worldWith({ a: '1' }), CONTEXT);

    const response = simulator.rangeQuery('x', 'y', { pageSize: 10, bookmark: '' });

    expect(response.results).toEqual([]);
    expect(response.metadata).toBeUndefined();
  });

  it('when writes are collected, then the committed state is untouched until commit', () => {
    const world = worldWith({ a: '1' });
    const simulator = new TransactionSimulator(world, CONTEXT);

    simulator.putState('a', Buffer.from('2'));
    simulator.deleteState('b');

    expect(Buffer.from(world.getState('a') ?? []).toString()).toBe('1');
    expect(simulator.getState('a').toString()).toBe('1');
  });
});
