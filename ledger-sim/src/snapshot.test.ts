import { MemoryLedger } from './memory-ledger';
import type { LedgerSnapshot } from './snapshot';
import type { LedgerIdentity } from './types';
import { COLLECTION, newLedger, text } from './test-support/fixtures';
import { ledgerWithDoctor } from './test-support/ledger-with-doctor';
import { EchoContract, ProbeContract, type HistoryEntry } from './test-support/probe-contract';

const OPTIONS = { contracts: [ProbeContract, EchoContract], collections: [COLLECTION, 'PayerNotes'] };

async function populatedLedger(): Promise<{ ledger: MemoryLedger; caller: LedgerIdentity }> {
  const { ledger, caller } = ledgerWithDoctor();
  await ledger.submit(caller, 'Probe:Put', ['k', 'v1']);
  await ledger.submit(caller, 'Probe:Put', ['k', 'v2']);
  await ledger.submit(caller, 'Probe:PutIndexed', ['grant', '["P1","D1"]', 'granted']);
  await ledger.submit(caller, 'Probe:PutPrivate', [COLLECTION, 'record-1'], { transient: { value: 'secret' } });
  await ledger.submit(caller, 'Probe:EmitTwice', ['First', 'Second']);
  return { ledger, caller };
}

/** What a file round trip does to the snapshot. */
function throughJsonText(snapshot: LedgerSnapshot): LedgerSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as LedgerSnapshot;
}

describe('ledger snapshots', () => {
  it('when a ledger is restored from its JSON text, then state, private data, history, events and height are the same', async () => {
    const { ledger, caller } = await populatedLedger();

    const restored = MemoryLedger.fromJSON(throughJsonText(ledger.toJSON()), OPTIONS);

    expect(restored.toJSON()).toEqual(ledger.toJSON());
    expect(text(restored.getState('k'))).toBe('v2');
    expect(text(restored.getState('\u0000grant\u0000P1\u0000D1\u0000'))).toBe('granted');
    expect(text(restored.getPrivateData(COLLECTION, 'record-1'))).toBe('secret');
    expect(restored.getPrivateDataHash(COLLECTION, 'record-1')).toEqual(ledger.getPrivateDataHash(COLLECTION, 'record-1'));
    expect(restored.events()).toEqual(ledger.events());
    expect(restored.blockHeight()).toBe(ledger.blockHeight());
    const history = JSON.parse(await restored.evaluate(caller, 'Probe:History', ['k'])) as HistoryEntry[];
    expect(history.map((entry) => entry.value)).toEqual(['v2', 'v1']);
  });

  it('when a restored ledger takes new transactions, then blocks and transaction IDs continue without reuse', async () => {
    const { ledger, caller } = await populatedLedger();
    const committedTxIds = new Set(ledger.toJSON().committedTxIds);
    const restored = MemoryLedger.fromJSON(throughJsonText(ledger.toJSON()), OPTIONS);

    const result = await restored.submit(caller, 'Probe:Put', ['k', 'v3']);

    expect(result.blockNumber).toBe(ledger.blockHeight());
    expect(committedTxIds.has(result.txId)).toBe(false);
    expect(text(restored.getState('k'))).toBe('v3');
    expect(text(ledger.getState('k'))).toBe('v2');
  });

  it('when a committed transaction ID is replayed on the restored ledger, then it is refused', async () => {
    const { ledger, caller } = await populatedLedger();
    const [firstTxId = ''] = ledger.toJSON().committedTxIds;
    const restored = MemoryLedger.fromJSON(throughJsonText(ledger.toJSON()), OPTIONS);

    await expect(restored.submit(caller, 'Probe:Put', ['k', 'again'], { txId: firstTxId })).rejects.toThrow('duplicate transaction found');
  });

  it('when a ledger is new, then its snapshot is empty at height 1', () => {
    const snapshot = newLedger().toJSON();

    expect(snapshot).toMatchObject({ blockHeight: 1, state: [], history: [], events: [], committedTxIds: [] });
    expect(snapshot.privateData).toEqual({ [COLLECTION]: [], PayerNotes: [] });
  });

  it('when the snapshot is not a ledger-sim snapshot, then restoring fails', () => {
    expect(() => MemoryLedger.fromJSON({ hello: 'world' } as unknown as LedgerSnapshot, OPTIONS)).toThrow('not a ledger-sim snapshot');
  });

  it('when the snapshot comes from a newer format version, then restoring fails', () => {
    const snapshot = { ...newLedger().toJSON(), version: 99 } as unknown as LedgerSnapshot;

    expect(() => MemoryLedger.fromJSON(snapshot, OPTIONS)).toThrow('unsupported ledger-sim snapshot version 99');
  });

  it('when the snapshot holds a collection the options do not define, then restoring fails', async () => {
    const { ledger } = await populatedLedger();

    expect(() => MemoryLedger.fromJSON(ledger.toJSON(), { contracts: [ProbeContract] })).toThrow(
      `snapshot holds private data of collection ${COLLECTION}, which the ledger options do not define`,
    );
  });

  it('when the snapshot is of another channel, then restoring fails', () => {
    const snapshot = newLedger().toJSON();

    expect(() => MemoryLedger.fromJSON(snapshot, { ...OPTIONS, channelId: 'elsewhere' })).toThrow('not medledger on elsewhere');
  });
});
