import { createHash } from 'node:crypto';
import type { MemoryLedger } from './memory-ledger';
import type { LedgerIdentity } from './types';
import { COLLECTION, doctor, newLedger, OTHER_COLLECTION, text } from './test-support/fixtures';
import { ledgerWithDoctor } from './test-support/ledger-with-doctor';

/** Private data collections, driven through the probe contract. */

function putPrivate(ledger: MemoryLedger, caller: LedgerIdentity, key: string, value: string, collection = COLLECTION) {
  return ledger.submit(caller, 'Probe:PutPrivate', [collection, key], { transient: { value } });
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

describe('private data', () => {
  it('when private data is written, then the collection holds the value and every peer its SHA-256 hash', async () => {
    const { ledger, caller } = ledgerWithDoctor();

    await putPrivate(ledger, caller, 'record-1', 'diagnosis: flu');

    expect(text(ledger.getPrivateData(COLLECTION, 'record-1'))).toBe('diagnosis: flu');
    expect(Buffer.from(ledger.getPrivateDataHash(COLLECTION, 'record-1') ?? []).toString('hex')).toBe(sha256Hex('diagnosis: flu'));
    expect(await ledger.evaluate(caller, 'Probe:GetPrivate', [COLLECTION, 'record-1'])).toBe('diagnosis: flu');
    expect(await ledger.evaluate(caller, 'Probe:GetPrivateHash', [COLLECTION, 'record-1'])).toBe(sha256Hex('diagnosis: flu'));
  });

  it('when private data is written, then neither the public state nor the other collection sees it', async () => {
    const ledger = newLedger();

    await putPrivate(ledger, doctor(ledger), 'record-1', 'secret');

    expect(ledger.getState('record-1')).toBeUndefined();
    expect(ledger.getPrivateData(OTHER_COLLECTION, 'record-1')).toBeUndefined();
  });

  it('when a transaction reads private data it wrote, then it sees the committed value only', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await putPrivate(ledger, caller, 'record-1', 'old');

    const result = await ledger.submit(caller, 'Probe:PutPrivateThenGet', [COLLECTION, 'record-1'], { transient: { value: 'new' } });

    expect(JSON.parse(result.payload)).toEqual({ readAfterOwnWrite: 'old' });
    expect(text(ledger.getPrivateData(COLLECTION, 'record-1'))).toBe('new');
  });

  it('when private data is deleted, then its value and hash are gone', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await putPrivate(ledger, caller, 'record-1', 'secret');

    await ledger.submit(caller, 'Probe:DeletePrivate', [COLLECTION, 'record-1']);

    expect(ledger.getPrivateData(COLLECTION, 'record-1')).toBeUndefined();
    expect(ledger.getPrivateDataHash(COLLECTION, 'record-1')).toBeUndefined();
    expect(await ledger.evaluate(caller, 'Probe:GetPrivate', [COLLECTION, 'record-1'])).toBe('');
  });

  it('when private data is purged, then its value, hash and every trace in the snapshot are gone', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await putPrivate(ledger, caller, 'record-1', 'first-version');
    await putPrivate(ledger, caller, 'record-1', 'second-version');

    await ledger.submit(caller, 'Probe:PurgePrivate', [COLLECTION, 'record-1']);

    expect(ledger.getPrivateData(COLLECTION, 'record-1')).toBeUndefined();
    expect(ledger.getPrivateDataHash(COLLECTION, 'record-1')).toBeUndefined();
    expect(await ledger.evaluate(caller, 'Probe:GetPrivateHash', [COLLECTION, 'record-1'])).toBe('');
    const snapshot = JSON.stringify(ledger.toJSON());
    for (const version of ['first-version', 'second-version']) {
      expect(snapshot).not.toContain(Buffer.from(version).toString('base64'));
    }
    expect(snapshot).not.toContain('record-1');
  });

  it('when a collection is not defined, then every private data call fails like on a peer', async () => {
    const { ledger, caller } = ledgerWithDoctor();

    const write = putPrivate(ledger, caller, 'record-1', 'secret', 'NoSuchCollection');
    const read = ledger.evaluate(caller, 'Probe:GetPrivate', ['NoSuchCollection', 'record-1'], { txId: 'tx-read' });
    const hash = ledger.evaluate(caller, 'Probe:GetPrivateHash', ['NoSuchCollection', 'record-1'], { txId: 'tx-hash' });

    await expect(write).rejects.toThrow(/^PUT_STATE failed: transaction ID: \w+: collection medledger\/medledger\/NoSuchCollection could not be found$/);
    await expect(read).rejects.toThrow('GET_STATE failed: transaction ID: tx-read: collection medledger/medledger/NoSuchCollection could not be found');
    await expect(hash).rejects.toThrow(
      'GET_PRIVATE_DATA_HASH failed: transaction ID: tx-hash: collection [NoSuchCollection] not defined in the collection config for chaincode [medledger]',
    );
  });

  it('when a test inspects an undefined collection, then the ledger says so instead of returning nothing', () => {
    const ledger = newLedger();

    expect(() => ledger.getPrivateData('Typo', 'k')).toThrow('collection Typo is not defined');
  });

  it('when the private value is zero bytes long, then it acts as a delete like in Fabric', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await putPrivate(ledger, caller, 'record-1', 'secret');

    await putPrivate(ledger, caller, 'record-1', '');

    expect(ledger.getPrivateData(COLLECTION, 'record-1')).toBeUndefined();
    expect(ledger.getPrivateDataHash(COLLECTION, 'record-1')).toBeUndefined();
  });

  it('when the transaction fails after writing private data, then no private data is committed', async () => {
    const ledger = newLedger();

    await expect(ledger.submit(doctor(ledger), 'Probe:PutEverythingThenFail', ['k', COLLECTION, 'FAILED: on purpose'])).rejects.toThrow(
      'FAILED: on purpose',
    );

    expect(ledger.getPrivateData(COLLECTION, 'k')).toBeUndefined();
    expect(ledger.getPrivateDataHash(COLLECTION, 'k')).toBeUndefined();
  });

  it('when private data is stored, then the transient value that carried it is not kept anywhere else', async () => {
    const ledger = newLedger();

    await putPrivate(ledger, doctor(ledger), 'record-1', 'carried-in-transient');

    const snapshot = ledger.toJSON();
    expect(snapshot.state).toEqual([]);
    expect(snapshot.history).toEqual([]);
    expect(snapshot.privateData[COLLECTION]).toEqual([
      { key: 'record-1', value: Buffer.from('carried-in-transient').toString('base64') },
    ]);
  });
});

describe('private data queries', () => {
  async function seedPrivate(ledger: MemoryLedger, caller: LedgerIdentity): Promise<void> {
    for (const [key, value] of [['b', '2'], ['a', '1'], ['c', '3']]) {
      await putPrivate(ledger, caller, key as string, value as string);
    }
    for (const attributes of [['P1', 'R2'], ['P1', 'R1']]) {
      await ledger.submit(caller, 'Probe:PutPrivateIndexed', [COLLECTION, 'record', JSON.stringify(attributes)], {
        transient: { value: attributes.join('/') },
      });
    }
  }

  it('when a private range is queried, then keys come back in order and composite keys stay out', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seedPrivate(ledger, caller);

    const keys: unknown = JSON.parse(await ledger.evaluate(caller, 'Probe:PrivateRange', [COLLECTION, '', '']));

    expect(keys).toEqual(['a', 'b', 'c']);
  });

  it('when a private partial composite key is queried, then its keys come back in order', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await seedPrivate(ledger, caller);

    const found: unknown = JSON.parse(await ledger.evaluate(caller, 'Probe:PrivateByPartialKey', [COLLECTION, 'record']));

    expect(found).toEqual([
      { parts: ['P1', 'R1'], value: 'P1/R1' },
      { parts: ['P1', 'R2'], value: 'P1/R2' },
    ]);
  });

  it('when the private range promise itself is awaited, then it holds { iterator } as the real shim does', async () => {
    const ledger = newLedger();

    const properties: unknown = JSON.parse(await ledger.evaluate(doctor(ledger), 'Probe:AwaitPrivateRange', [COLLECTION]));

    expect(properties).toEqual(['iterator']);
  });

  it('when a transaction writes after a private data query, then the write fails like in Fabric', async () => {
    const ledger = newLedger();

    const failure = ledger.submit(doctor(ledger), 'Probe:PrivateRangeThenWrite', [COLLECTION, 'k'], { txId: 'tx-pvt' });

    await expect(failure).rejects.toThrow(
      'PUT_STATE failed: transaction ID: tx-pvt: txid [tx-pvt]: unsuppored transaction. ' +
        'Transaction has already performed queries on pvt data. Writes are not allowed',
    );
    expect(ledger.getState('k')).toBeUndefined();
  });
});
