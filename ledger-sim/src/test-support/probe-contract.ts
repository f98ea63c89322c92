import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';

/**
 * Test-only contracts that exercise one stub feature per transaction, so the tests drive every
 * feature through fabric-shim's real dispatch. `Context` must be a value import: the decorators
 * read its runtime type to recognise the context parameter.
 *
 * Results are returned as JSON text with @Returns('string'), so each test asserts the exact bytes
 * it built. Typed (@Object) results and GetMetadata are covered by contract-metadata.test.ts.
 */

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const parts = (text: string): string[] => JSON.parse(text) as string[];
const json = (value: unknown): string => JSON.stringify(value);

/** The attribute whose value 'blocked' makes beforeTransaction refuse every transaction. */
export const BLOCKED_ATTRIBUTE = 'probe.blocked';

export class ProbeContract extends Contract {
  constructor() {
    super('Probe');
  }

  override beforeTransaction(ctx: Context): Promise<void> {
    if (ctx.clientIdentity.assertAttributeValue(BLOCKED_ATTRIBUTE, 'true')) {
      return Promise.reject(new Error('ACCESS_DENIED: caller is blocked'));
    }
    return Promise.resolve();
  }

  // --- public state ---

  @Transaction()
  async Put(ctx: Context, key: string, value: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from(value));
  }

  /** Read-modify-write: shows whether concurrent submits see each other's commits. */
  @Transaction()
  async Increment(ctx: Context, key: string): Promise<void> {
    const current = Number(utf8(await ctx.stub.getState(key)) || '0');
    await ctx.stub.putState(key, Buffer.from(String(current + 1)));
  }

  @Transaction()
  async Delete(ctx: Context, key: string): Promise<void> {
    await ctx.stub.deleteState(key);
  }

  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, key: string): Promise<string> {
    return utf8(await ctx.stub.getState(key));
  }

  @Transaction()
  @Returns('string')
  async PutThenGet(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from(value));
    return json({ readAfterOwnWrite: utf8(await ctx.stub.getState(key)) });
  }

  @Transaction()
  async PutEverythingThenFail(ctx: Context, key: string, collection: string, message: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from('written-before-failure'));
    await ctx.stub.putPrivateData(collection, key, Buffer.from('private-before-failure'));
    ctx.stub.setEvent('ShouldNotBeCommitted', Buffer.from('{}'));
    throw new Error(message);
  }

  @Transaction()
  async PutEmptyKey(ctx: Context): Promise<void> {
    await ctx.stub.putState('', Buffer.from('value'));
  }

  @Transaction()
  @Returns('string')
  async PutIndexed(ctx: Context, objectType: string, attributesJson: string, value: string): Promise<string> {
    const key = ctx.stub.createCompositeKey(objectType, parts(attributesJson));
    await ctx.stub.putState(key, Buffer.from(value));
    return key;
  }

  @Transaction(false)
  @Returns('string')
  SplitKey(ctx: Context, objectType: string, attributesJson: string): Promise<string> {
    return Promise.resolve(json(ctx.stub.splitCompositeKey(ctx.stub.createCompositeKey(objectType, parts(attributesJson)))));
  }

  @Transaction(false)
  @Returns('string')
  async Range(ctx: Context, startKey: string, endKey: string): Promise<string> {
    const found: { key: string; value: string }[] = [];
    for await (const { key, value } of ctx.stub.getStateByRange(startKey, endKey)) {
      found.push({ key, value: utf8(value) });
    }
    return json(found);
  }

  @Transaction(false)
  @Returns('string')
  async ByPartialKey(ctx: Context, objectType: string, attributesJson: string): Promise<string> {
    const found: { parts: string[]; value: string }[] = [];
    for await (const { key, value } of ctx.stub.getStateByPartialCompositeKey(objectType, parts(attributesJson))) {
      found.push({ parts: ctx.stub.splitCompositeKey(key).attributes, value: utf8(value) });
    }
    return json(found);
  }

  @Transaction(false)
  @Returns('string')
  async PageByRange(ctx: Context, startKey: string, endKey: string, pageSize: number, bookmark: string): Promise<string> {
    return json(await readPage(await ctx.stub.getStateByRangeWithPagination(startKey, endKey, pageSize, bookmark)));
  }

  @Transaction(false)
  @Returns('string')
  async PageByPartialKey(ctx: Context, objectType: string, pageSize: number, bookmark: string): Promise<string> {
    return json(await readPage(await ctx.stub.getStateByPartialCompositeKeyWithPagination(objectType, [], pageSize, bookmark)));
  }

  @Transaction()
  async PageThenWrite(ctx: Context, key: string): Promise<void> {
    await ctx.stub.getStateByRangeWithPagination('', '', 10, '');
    await ctx.stub.putState(key, Buffer.from('value'));
  }

  @Transaction()
  async WriteThenPage(ctx: Context, key: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from('value'));
    await ctx.stub.getStateByRangeWithPagination('', '', 10, '');
  }

  @Transaction(false)
  @Returns('string')
  async History(ctx: Context, key: string): Promise<string> {
    const entries: HistoryEntry[] = [];
    for await (const change of ctx.stub.getHistoryForKey(key)) {
      const { seconds, nanos } = change.timestamp as unknown as { seconds: number; nanos: number };
      entries.push({ txId: change.txId, isDelete: change.isDelete, value: utf8(change.value), seconds, nanos });
    }
    return json(entries);
  }

  @Transaction(false)
  async RichQuery(ctx: Context): Promise<void> {
    await ctx.stub.getQueryResult('{"selector":{}}');
  }

  // --- events, transient data and the proposal ---

  @Transaction()
  EmitTwice(ctx: Context, firstName: string, secondName: string): Promise<void> {
    ctx.stub.setEvent(firstName, Buffer.from(JSON.stringify({ order: 1 })));
    ctx.stub.setEvent(secondName, Buffer.from(JSON.stringify({ order: 2 })));
    return Promise.resolve();
  }

  @Transaction(false)
  @Returns('string')
  Transient(ctx: Context): Promise<string> {
    return Promise.resolve(json(Object.fromEntries([...ctx.stub.getTransient()].map(([name, value]) => [name, utf8(value)]))));
  }

  @Transaction(false)
  @Returns('string')
  WhoAmI(ctx: Context): Promise<string> {
    const identity = ctx.clientIdentity;
    return Promise.resolve(json({
      mspId: identity.getMSPID(),
      id: identity.getID(),
      role: identity.getAttributeValue('medledger.role'),
      enrollmentId: identity.getAttributeValue('hf.EnrollmentID'),
      missing: identity.getAttributeValue('not.there'),
      isDoctor: identity.assertAttributeValue('medledger.role', 'doctor'),
      isPatient: identity.assertAttributeValue('medledger.role', 'patient'),
    }));
  }

  @Transaction(false)
  @Returns('string')
  TxInfo(ctx: Context): Promise<string> {
    const timestamp = ctx.stub.getTxTimestamp();
    return Promise.resolve(json({
      txId: ctx.stub.getTxID(),
      channelId: ctx.stub.getChannelID(),
      peerMspId: ctx.stub.getMspID(),
      creatorMspId: ctx.stub.getCreator().mspid,
      seconds: timestamp.seconds.toNumber(),
      nanos: timestamp.nanos,
      date: ctx.stub.getDateTimestamp().toISOString(),
      functionAndParameters: ctx.stub.getFunctionAndParameters(),
    }));
  }

  // --- private data ---

  /** The value arrives as transient data, the way clients must send private data. */
  @Transaction()
  async PutPrivate(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.putPrivateData(collection, key, transientValue(ctx));
  }

  @Transaction()
  async PutPrivateIndexed(ctx: Context, collection: string, objectType: string, attributesJson: string): Promise<void> {
    await ctx.stub.putPrivateData(collection, ctx.stub.createCompositeKey(objectType, parts(attributesJson)), transientValue(ctx));
  }

  @Transaction(false)
  @Returns('string')
  async GetPrivate(ctx: Context, collection: string, key: string): Promise<string> {
    return utf8(await ctx.stub.getPrivateData(collection, key));
  }

  @Transaction(false)
  @Returns('string')
  async GetPrivateHash(ctx: Context, collection: string, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getPrivateDataHash(collection, key)).toString('hex');
  }

  @Transaction()
  @Returns('string')
  async PutPrivateThenGet(ctx: Context, collection: string, key: string): Promise<string> {
    await ctx.stub.putPrivateData(collection, key, transientValue(ctx));
    return json({ readAfterOwnWrite: utf8(await ctx.stub.getPrivateData(collection, key)) });
  }

  @Transaction()
  async DeletePrivate(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.deletePrivateData(collection, key);
  }

  @Transaction()
  async PurgePrivate(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.purgePrivateData(collection, key);
  }

  @Transaction(false)
  @Returns('string')
  async PrivateRange(ctx: Context, collection: string, startKey: string, endKey: string): Promise<string> {
    const keys: string[] = [];
    for await (const { key } of ctx.stub.getPrivateDataByRange(collection, startKey, endKey)) {
      keys.push(key);
    }
    return json(keys);
  }

  @Transaction(false)
  @Returns('string')
  async PrivateByPartialKey(ctx: Context, collection: string, objectType: string): Promise<string> {
    const found: { parts: string[]; value: string }[] = [];
    for await (const { key, value } of ctx.stub.getPrivateDataByPartialCompositeKey(collection, objectType, [])) {
      found.push({ parts: ctx.stub.splitCompositeKey(key).attributes, value: utf8(value) });
    }
    return json(found);
  }

  /** Awaits the query promise itself, which on a peer yields `{ iterator }` for private data. */
  @Transaction(false)
  @Returns('string')
  async AwaitPrivateRange(ctx: Context, collection: string): Promise<string> {
    const resolved: unknown = await ctx.stub.getPrivateDataByRange(collection, '', '');
    return json(Object.keys(resolved as object));
  }

  @Transaction()
  async PrivateRangeThenWrite(ctx: Context, collection: string, key: string): Promise<void> {
    await ctx.stub.getPrivateDataByRange(collection, '', '');
    await ctx.stub.putState(key, Buffer.from('value'));
  }
}

/** A second contract, to check routing by 'ContractName:transaction'. */
export class EchoContract extends Contract {
  constructor() {
    super('Echo');
  }

  @Transaction(false)
  @Returns('string')
  Say(_ctx: Context, words: string): Promise<string> {
    return Promise.resolve(`echo: ${words}`);
  }
}

export interface PageResult {
  keys: string[];
  fetchedRecordsCount: number;
  bookmark: string;
}

export interface HistoryEntry {
  txId: string;
  isDelete: boolean;
  value: string;
  seconds: number;
  nanos: number;
}

async function readPage(response: {
  iterator: { next(): Promise<{ value: { key: string }; done: boolean }>; close(): Promise<void> };
  metadata: { fetchedRecordsCount: number; bookmark: string };
}): Promise<PageResult> {
  const keys: string[] = [];
  for (let next = await response.iterator.next(); !next.done; next = await response.iterator.next()) {
    keys.push(next.value.key);
  }
  await response.iterator.close();
  return { keys, ...response.metadata };
}

function transientValue(ctx: Context): Uint8Array {
  const value = ctx.stub.getTransient().get('value');
  if (value === undefined) {
    throw new Error('INVALID_ARGUMENT: transient field "value" is required');
  }
  return value;
}
