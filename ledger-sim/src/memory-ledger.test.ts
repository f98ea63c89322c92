import { TransactionFailedError } from './errors';
import type { CommittedEvent } from './types';
import { COLLECTION, doctor, FIXED_TIME, newLedger, text } from './test-support/fixtures';
import { ledgerWithDoctor } from './test-support/ledger-with-doctor';
import { BLOCKED_ATTRIBUTE } from './test-support/probe-contract';

describe('MemoryLedger transactions', () => {
  it('when a transaction is submitted, then its writes are committed as the next block', async () => {
    const { ledger, caller } = ledgerWithDoctor();

    const result = await ledger.submit(caller, 'Probe:Put', ['patient-1', 'v1']);

    expect(text(ledger.getState('patient-1'))).toBe('v1');
    expect(result.blockNumber).toBe(1);
    expect(ledger.blockHeight()).toBe(2);
    expect(result.txId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when several transactions are submitted, then each gets its own block and a distinct transaction ID', async () => {
    const { ledger, caller } = ledgerWithDoctor();

    const results = await Promise.all(['a', 'b', 'c'].map((key) => ledger.submit(caller, 'Probe:Put', [key, key])));

    expect(results.map((result) => result.blockNumber)).toEqual([1, 2, 3]);
    expect(new Set(results.map((result) => result.txId)).size).toBe(3);
    expect(ledger.blockHeight()).toBe(4);
  });

  it('when read-modify-write transactions are submitted concurrently, then each runs on the previous commit', async () => {
    const { ledger, caller } = ledgerWithDoctor();

    await Promise.all(Array.from({ length: 5 }, () => ledger.submit(caller, 'Probe:Increment', ['counter'])));

    expect(text(ledger.getState('counter'))).toBe('5');
  });

  it('when a submit is told of its endorsement, then it hears before the commit, and the transaction is committed once that resolves', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    const heard: { txId: string; payload: string; committed: boolean }[] = [];

    const result = await ledger.submit(caller, 'Probe:Put', ['k', 'v'], {
      onEndorsed: async ({ txId, payload }) => {
        heard.push({ txId, payload, committed: await Promise.race([ledger.isCommitted(txId), Promise.resolve('queued')]) === true });
      },
    });

    expect(heard).toEqual([{ txId: result.txId, payload: result.payload, committed: false }]);
    expect(await ledger.isCommitted(result.txId)).toBe(true);
  });

  it('when the endorsement listener rejects, then nothing is committed and the transaction never will be', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    let endorsedTxId = '';

    const refused = ledger.submit(caller, 'Probe:Put', ['k', 'v'], {
      onEndorsed: ({ txId }) => {
        endorsedTxId = txId;
        return Promise.reject(new Error('not now'));
      },
    });

    await expect(refused).rejects.toThrow('not now');
    expect(ledger.getState('k')).toBeUndefined();
    expect(await ledger.isCommitted(endorsedTxId)).toBe(false);
    expect(ledger.blockHeight()).toBe(1);
  });

  it('when the function has no contract prefix, then the default (first) contract runs it', async () => {
    const ledger = newLedger();

    await ledger.submit(doctor(ledger), 'Put', ['k', 'v']);

    expect(text(ledger.getState('k'))).toBe('v');
  });

  it('when a function of another contract is named, then that contract runs it', async () => {
    const ledger = newLedger();

    const payload = await ledger.evaluate(doctor(ledger), 'Echo:Say', ['hello']);

    expect(payload).toBe('echo: hello');
  });

  it('when a transaction returns a value, then the payload is its serialized form', async () => {
    const ledger = newLedger();

    const result = await ledger.submit(doctor(ledger), 'Probe:PutIndexed', ['consent', '["P1","D1"]', 'granted']);

    expect(result.payload).toBe('\u0000consent\u0000P1\u0000D1\u0000');
  });

  it('when a transaction reads a key it wrote, then it sees the committed value, not its own write', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await ledger.submit(caller, 'Probe:Put', ['k', 'old']);

    const result = await ledger.submit(caller, 'Probe:PutThenGet', ['k', 'new']);

    expect(JSON.parse(result.payload)).toEqual({ readAfterOwnWrite: 'old' });
    expect(text(ledger.getState('k'))).toBe('new');
  });

  it('when the chaincode throws, then the error carries its exact message and nothing is committed', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    const heightBefore = ledger.blockHeight();

    const failure = ledger.submit(caller, 'Probe:PutEverythingThenFail', ['k', COLLECTION, 'CONSENT_REQUIRED: no grant']);

    await expect(failure).rejects.toThrow(TransactionFailedError);
    await expect(failure).rejects.toMatchObject({ message: 'CONSENT_REQUIRED: no grant', status: 500 });
    expect(ledger.getState('k')).toBeUndefined();
    expect(ledger.getPrivateData(COLLECTION, 'k')).toBeUndefined();
    expect(ledger.events()).toEqual([]);
    expect(ledger.blockHeight()).toBe(heightBefore);
    expect(JSON.parse(await ledger.evaluate(caller, 'Probe:History', ['k']))).toEqual([]);
  });

  it('when a transaction fails, then the error names its transaction ID', async () => {
    const ledger = newLedger();

    const failure = ledger.submit(doctor(ledger), 'Probe:PutEverythingThenFail', ['k', COLLECTION, 'boom'], { txId: 'tx-failing' });

    await expect(failure).rejects.toMatchObject({ txId: 'tx-failing' });
  });

  it('when beforeTransaction refuses the caller, then the transaction fails and commits nothing', async () => {
    const ledger = newLedger();
    const blocked = ledger.identity({ mspId: 'ProvidersMSP', commonName: 'mallory', attributes: { [BLOCKED_ATTRIBUTE]: 'true' } });

    await expect(ledger.submit(blocked, 'Probe:Put', ['k', 'v'])).rejects.toThrow('ACCESS_DENIED: caller is blocked');

    expect(ledger.getState('k')).toBeUndefined();
  });

  it('when arguments do not match the transaction metadata, then the shim refuses the call', async () => {
    const ledger = newLedger();

    await expect(ledger.submit(doctor(ledger), 'Probe:Put', ['only-one'])).rejects.toThrow('Expected 2 parameters, but 1 have been supplied');
  });

  it('when the function does not exist, then the contract reports an unknown transaction', async () => {
    const ledger = newLedger();

    await expect(ledger.evaluate(doctor(ledger), 'Probe:Nope')).rejects.toThrow('You\'ve asked to invoke a function that does not exist: Probe:Nope');
  });

  it('when a transaction is evaluated, then it returns its result and commits nothing', async () => {
    const { ledger, caller } = ledgerWithDoctor();

    const payload = await ledger.evaluate(caller, 'Probe:PutThenGet', ['k', 'v']);

    expect(JSON.parse(payload)).toEqual({ readAfterOwnWrite: '' });
    expect(ledger.getState('k')).toBeUndefined();
    expect(ledger.blockHeight()).toBe(1);
  });

  it('when an evaluated transaction sets an event, then no event is committed or published', async () => {
    const ledger = newLedger();
    const published: CommittedEvent[] = [];
    ledger.onEvent((event) => published.push(event));

    await ledger.evaluate(doctor(ledger), 'Probe:EmitTwice', ['A', 'B']);

    expect(ledger.events()).toEqual([]);
    expect(published).toEqual([]);
  });

  it('when a transaction ID is reused, then the ledger refuses it as a duplicate', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await ledger.submit(caller, 'Probe:Put', ['k', 'v1'], { txId: 'tx-1' });

    await expect(ledger.submit(caller, 'Probe:Put', ['k', 'v2'], { txId: 'tx-1' })).rejects.toThrow('duplicate transaction found [tx-1]');
    expect(text(ledger.getState('k'))).toBe('v1');
  });

  it('when the chaincode writes an empty key, then the write is refused', async () => {
    const ledger = newLedger();

    await expect(ledger.submit(doctor(ledger), 'Probe:PutEmptyKey')).rejects.toThrow('key must not be an empty string');
  });

  it('when a key is deleted, then it is gone from the world state', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await ledger.submit(caller, 'Probe:Put', ['k', 'v']);

    await ledger.submit(caller, 'Probe:Delete', ['k']);

    expect(ledger.getState('k')).toBeUndefined();
    expect(await ledger.evaluate(caller, 'Probe:Get', ['k'])).toBe('');
  });

  it('when a key is put with an empty value, then Fabric treats the write as a delete', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    await ledger.submit(caller, 'Probe:Put', ['k', 'v']);

    await ledger.submit(caller, 'Probe:Put', ['k', '']);

    expect(ledger.getState('k')).toBeUndefined();
    expect(JSON.parse(await ledger.evaluate(caller, 'Probe:History', ['k']))).toMatchObject([{ isDelete: true, value: '' }, { isDelete: false }]);
  });

  it('when rich queries are used, then they fail as on LevelDB', async () => {
    const ledger = newLedger();

    await expect(ledger.evaluate(doctor(ledger), 'Probe:RichQuery')).rejects.toThrow(/^GET_QUERY_RESULT failed: transaction ID: \w+: ExecuteQuery not supported for leveldb$/);
  });
});

describe('MemoryLedger proposal details', () => {
  it('when no timestamp is given, then the transaction sees the clock time through both timestamp APIs', async () => {
    const ledger = newLedger();

    const info: unknown = JSON.parse(await ledger.evaluate(doctor(ledger), 'Probe:TxInfo', [], { txId: 'tx-info' }));

    expect(info).toMatchObject({
      txId: 'tx-info',
      channelId: 'medledger',
      peerMspId: 'ProvidersMSP',
      creatorMspId: 'ProvidersMSP',
      seconds: Math.floor(FIXED_TIME.getTime() / 1000),
      nanos: 89_000_000,
      date: FIXED_TIME.toISOString(),
      functionAndParameters: { fcn: 'Probe:TxInfo', params: [] },
    });
  });

  it('when a timestamp, channel and peer organization are given, then the stub reports them', async () => {
    const ledger = newLedger({ channelId: 'other-channel', peerMspId: 'PayersMSP' });
    const timestamp = new Date('2030-01-02T03:04:05.000Z');

    const info: unknown = JSON.parse(await ledger.evaluate(doctor(ledger), 'Probe:TxInfo', [], { timestamp }));

    expect(info).toMatchObject({ channelId: 'other-channel', peerMspId: 'PayersMSP', date: timestamp.toISOString(), nanos: 0 });
  });

  it('when transient data is passed, then the chaincode reads it and the ledger stores none of it', async () => {
    const ledger = newLedger();
    const secret = 'transient-secret-value';

    const result = await ledger.submit(doctor(ledger), 'Probe:Transient', [], {
      transient: { note: secret, bytes: Buffer.from('raw') },
    });

    expect(JSON.parse(result.payload)).toEqual({ note: secret, bytes: 'raw' });
    expect(JSON.stringify(ledger.toJSON())).not.toContain(Buffer.from(secret).toString('base64'));
    expect(JSON.stringify(ledger.toJSON())).not.toContain(secret);
  });
});

describe('MemoryLedger identities', () => {
  it('when an identity has fabric-ca attributes, then the contract reads them through ctx.clientIdentity', async () => {
    const ledger = newLedger();

    const whoAmI: unknown = JSON.parse(await ledger.evaluate(doctor(ledger), 'Probe:WhoAmI'));

    expect(whoAmI).toEqual({
      mspId: 'ProvidersMSP',
      id: 'x509::/O=ProvidersMSP/OU=client/CN=dr-alice::/O=ProvidersMSP/CN=ca.ProvidersMSP',
      role: 'doctor',
      enrollmentId: 'dr-alice',
      missing: null,
      isDoctor: true,
      isPatient: false,
    });
  });

  it('when identities come from different organizations, then each reports its own MSP ID and issuer', async () => {
    const ledger = newLedger();
    const payer = ledger.identity({ mspId: 'PayersMSP', commonName: 'claims-bot' });

    const whoAmI: unknown = JSON.parse(await ledger.evaluate(payer, 'Probe:WhoAmI'));

    expect(whoAmI).toMatchObject({ mspId: 'PayersMSP', id: 'x509::/O=PayersMSP/OU=client/CN=claims-bot::/O=PayersMSP/CN=ca.PayersMSP', role: null });
  });

  it('when an identity is issued, then it exposes a PEM certificate and its names', () => {
    const ledger = newLedger();

    const identity = doctor(ledger);

    expect(identity).toMatchObject({ mspId: 'ProvidersMSP', commonName: 'dr-alice' });
    expect(identity.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  });

  it('when an identity spec has no common name, then no identity is issued', () => {
    const ledger = newLedger();

    expect(() => ledger.identity({ mspId: 'ProvidersMSP', commonName: '' })).toThrow('identity commonName must be a non-empty string');
  });
});

describe('MemoryLedger events', () => {
  it('when a transaction sets two events, then only the last one is committed', async () => {
    const ledger = newLedger();

    const result = await ledger.submit(doctor(ledger), 'Probe:EmitTwice', ['First', 'Second']);

    expect(ledger.events()).toHaveLength(1);
    expect(ledger.events()[0]).toMatchObject({ txId: result.txId, blockNumber: result.blockNumber, chaincodeName: 'medledger', eventName: 'Second' });
    expect(text(ledger.events()[0]?.payload)).toBe('{"order":2}');
    expect(result.event).toEqual(ledger.events()[0]);
  });

  it('when a listener is subscribed, then it receives committed events until it unsubscribes', async () => {
    const { ledger, caller } = ledgerWithDoctor();
    const received: string[] = [];
    const unsubscribe = ledger.onEvent((event) => received.push(event.eventName));

    await ledger.submit(caller, 'Probe:EmitTwice', ['A', 'B']);
    unsubscribe();
    await ledger.submit(caller, 'Probe:EmitTwice', ['C', 'D']);

    expect(received).toEqual(['B']);
    expect(ledger.events().map((event) => event.eventName)).toEqual(['B', 'D']);
  });

  it('when a listener throws, then the transaction still commits and the error is rethrown on its own', async () => {
    const ledger = newLedger();
    const deferred: (() => void)[] = [];
    const queueMicrotask = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) => deferred.push(callback));
    ledger.onEvent(() => {
      throw new Error('listener bug');
    });

    const result = await ledger.submit(doctor(ledger), 'Probe:EmitTwice', ['A', 'B']);
    queueMicrotask.mockRestore();

    expect(result.blockNumber).toBe(1);
    expect(ledger.events()).toHaveLength(1);
    expect(deferred).toHaveLength(1);
    expect(() => deferred[0]?.()).toThrow('listener bug');
  });

  it('when a transaction sets no event, then its result has none', async () => {
    const ledger = newLedger();

    const result = await ledger.submit(doctor(ledger), 'Probe:Put', ['k', 'v']);

    expect(result.event).toBeUndefined();
  });

  it('when the caller changes a returned event payload, then the committed event is unchanged', async () => {
    const ledger = newLedger();
    await ledger.submit(doctor(ledger), 'Probe:EmitTwice', ['A', 'B']);

    ledger.events()[0]?.payload.fill(0);

    expect(text(ledger.events()[0]?.payload)).toBe('{"order":2}');
  });
});
