import type {
  ChaincodeProposal,
  ChaincodeResponse,
  ChaincodeStub,
  Iterators,
  SerializedIdentity,
  SplitCompositekey,
  StateQueryResponse,
  Timestamp,
} from 'fabric-shim-api';
import Long from 'long';
import { notSupported } from './errors';
import { historyQueryIterator, iterableQuery, stateQueryIterator } from './iterators';
import {
  createCompositeKey,
  EMPTY_KEY_SUBSTITUTE,
  MAX_UNICODE_RUNE,
  partialCompositeKeyRange,
  splitCompositeKey,
  validateSimpleKeys,
} from './keys';
import { toDate, type TxTimestamp } from './timestamps';
import type { RangeQueryResponse, TransactionSimulator } from './transaction-simulator';

/** Everything the proposal tells the chaincode about one invocation. */
export interface Invocation {
  txId: string;
  channelId: string;
  /** The endorsing peer's organization. */
  peerMspId: string;
  /** The function name ('Contract:transaction') followed by its arguments. */
  args: readonly string[];
  creator: SerializedIdentity;
  transient: ReadonlyMap<string, Uint8Array>;
  timestamp: TxTimestamp;
}

type StateQuery = Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV>;
type PaginatedStateQuery = Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV>;

/**
 * fabric-shim's ChaincodeStub, answered in memory. Argument checks and their messages follow the
 * shim's stub.js (the shim checks them before asking the peer); everything the peer decides is
 * delegated to the TransactionSimulator.
 */
export class MemoryStub implements ChaincodeStub {
  private readonly stringArgs: string[];
  private readonly bufferArgs: Buffer[];
  private readonly transientMap: Map<string, Uint8Array>;

  constructor(
    private readonly invocation: Invocation,
    private readonly simulator: TransactionSimulator,
  ) {
    this.stringArgs = [...invocation.args];
    this.bufferArgs = this.stringArgs.map((arg) => Buffer.from(arg));
    this.transientMap = new Map([...invocation.transient].map(([key, value]) => [key, Buffer.from(value)]));
  }

  // --- the proposal ---

  getArgs(): string[] {
    return this.stringArgs;
  }

  getStringArgs(): string[] {
    return this.stringArgs;
  }

  /** Not in fabric-shim-api's interface, but ChaincodeFromContract reads the arguments this way. */
  getBufferArgs(): Buffer[] {
    return this.bufferArgs;
  }

  getFunctionAndParameters(): { params: string[]; fcn: string } {
    const [fcn = '', ...params] = this.stringArgs;
    return { fcn, params };
  }

  getTxID(): string {
    return this.invocation.txId;
  }

  getChannelID(): string {
    return this.invocation.channelId;
  }

  getCreator(): SerializedIdentity {
    return this.invocation.creator;
  }

  getMspID(): string {
    return this.invocation.peerMspId;
  }

  getTransient(): Map<string, Uint8Array> {
    return this.transientMap;
  }

  getSignedProposal(): ChaincodeProposal.SignedProposal {
    throw notSupported('getSignedProposal');
  }

  getBinding(): string {
    throw notSupported('getBinding');
  }

  getTxTimestamp(): Timestamp {
    const { seconds, nanos } = this.invocation.timestamp;
    return { nanos, seconds: Long.fromNumber(seconds, true) };
  }

  getDateTimestamp(): Date {
    return toDate(this.invocation.timestamp);
  }

  // --- public state ---

  getState(key: string): Promise<Uint8Array> {
    return deferred(() => this.simulator.getState(key));
  }

  /** Like the Go shim, refuses empty keys. A string value is UTF-8 encoded, an empty one deletes. */
  putState(key: string, value: Uint8Array | string): Promise<void> {
    return deferred(() => {
      requireNonEmptyKey(key);
      this.simulator.putState(key, toBytes(value));
    });
  }

  deleteState(key: string): Promise<void> {
    return deferred(() => {
      requireNonEmptyKey(key);
      this.simulator.deleteState(key);
    });
  }

  getStateByRange(startKey: string, endKey: string): StateQuery {
    const response = deferred(() => {
      const start = startKey || EMPTY_KEY_SUBSTITUTE;
      validateSimpleKeys(start, endKey);
      return stateQueryIterator(this.simulator.rangeQuery(start, endKey).results);
    });
    return iterableQuery(response, (iterator) => iterator);
  }

  getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark?: string): PaginatedStateQuery {
    const response = deferred(() => {
      const start = startKey || EMPTY_KEY_SUBSTITUTE;
      validateSimpleKeys(start, endKey);
      return this.paginatedRange(start, endKey, pageSize, bookmark);
    });
    return iterableQuery(response, (resolved) => resolved.iterator);
  }

  /** Throws synchronously on an invalid partial key, as the shim does. */
  getStateByPartialCompositeKey(objectType: string, attributes: string[]): StateQuery {
    const { startKey, endKey } = partialCompositeKeyRange(objectType, attributes);
    const response = deferred(() => stateQueryIterator(this.simulator.rangeQuery(startKey, endKey).results));
    return iterableQuery(response, (iterator) => iterator);
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): PaginatedStateQuery {
    const { startKey, endKey } = partialCompositeKeyRange(objectType, attributes);
    const response = deferred(() => this.paginatedRange(startKey, endKey, pageSize, bookmark));
    return iterableQuery(response, (resolved) => resolved.iterator);
  }

  getQueryResult(_query: string): StateQuery {
    return iterableQuery(deferred(() => this.simulator.richQuery(false)), (iterator) => iterator);
  }

  getQueryResultWithPagination(_query: string, _pageSize: number, _bookmark?: string): PaginatedStateQuery {
    return iterableQuery(deferred(() => this.simulator.richQuery(true)), (resolved) => resolved);
  }

  getHistoryForKey(key: string): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    return iterableQuery(
      deferred(() => historyQueryIterator(this.simulator.history(key))),
      (iterator) => iterator,
    );
  }

  setStateValidationParameter(_key: string, _ep: Uint8Array): Promise<void> {
    return Promise.reject(notSupported('state-based endorsement'));
  }

  getStateValidationParameter(_key: string): Promise<Uint8Array> {
    return Promise.reject(notSupported('state-based endorsement'));
  }

  invokeChaincode(_chaincodeName: string, _args: string[], _channel: string): Promise<ChaincodeResponse> {
    return Promise.reject(notSupported('invokeChaincode'));
  }

  /** Only the last event of a transaction survives, as in Fabric. */
  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== 'string' || name === '') {
      throw new Error('Event name must be a non-empty string');
    }
    this.simulator.setEvent(name, toBytes(payload));
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(compositeKey: string): SplitCompositekey {
    return splitCompositeKey(compositeKey);
  }

  // --- private data ---

  getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    return deferred(() => {
      requireCollectionAndKey(collection, key);
      return this.simulator.getPrivateData(collection, key);
    });
  }

  getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    return deferred(() => {
      requireCollectionAndKey(collection, key);
      return this.simulator.getPrivateDataHash(collection, key);
    });
  }

  putPrivateData(collection: string, key: string, value: Uint8Array | string): Promise<void> {
    return deferred(() => {
      requireCollectionAndKey(collection, key);
      if (!value) {
        throw new Error('value must be valid');
      }
      this.simulator.putPrivateData(collection, key, toBytes(value));
    });
  }

  deletePrivateData(collection: string, key: string): Promise<void> {
    return deferred(() => {
      requireCollectionAndKey(collection, key);
      this.simulator.deletePrivateData(collection, key);
    });
  }

  purgePrivateData(collection: string, key: string): Promise<void> {
    return deferred(() => {
      requireCollectionAndKey(collection, key);
      this.simulator.purgePrivateData(collection, key);
    });
  }

  setPrivateDataValidationParameter(_collection: string, _key: string, _ep: Uint8Array): Promise<void> {
    return Promise.reject(notSupported('state-based endorsement'));
  }

  getPrivateDataValidationParameter(_collection: string, _key: string): Promise<Uint8Array> {
    return Promise.reject(notSupported('state-based endorsement'));
  }

  /**
   * Careful: like the real shim, this resolves to `{ iterator }`, not to the iterator its typings
   * promise. `for await` works; `(await stub.getPrivateDataByRange(...)).next()` fails on a peer
   * too, and failing here catches that before deployment.
   */
  getPrivateDataByRange(collection: string, startKey: string, endKey: string): StateQuery {
    const response = deferred(() => {
      requireCollection(collection);
      return this.privateRange(collection, startKey || EMPTY_KEY_SUBSTITUTE, endKey);
    });
    return iterableQuery(response, (resolved) => resolved.iterator) as unknown as StateQuery;
  }

  /** Resolves to `{ iterator }` like getPrivateDataByRange; throws synchronously on an invalid partial key. */
  getPrivateDataByPartialCompositeKey(collection: string, objectType: string, attributes: string[]): StateQuery {
    if (!isNonEmptyString(collection)) {
      return iterableQuery(Promise.reject(new Error('collection must be a valid string')), () => stateQueryIterator([]));
    }
    const partialKey = createCompositeKey(objectType, attributes);
    return this.getPrivateDataByRange(collection, partialKey, partialKey + MAX_UNICODE_RUNE);
  }

  getPrivateDataQueryResult(collection: string, _query: string): StateQuery {
    const response = deferred(() => {
      requireCollection(collection);
      return this.simulator.richQuery(false);
    });
    return iterableQuery(response, (iterator) => iterator);
  }

  private paginatedRange(startKey: string, endKey: string, pageSize: number, bookmark?: string): StateQueryResponse<Iterators.StateQueryIterator> {
    // the shim sends the page size as a protobuf int32
    const page = { pageSize: Number.isFinite(pageSize) ? Math.trunc(pageSize) : 0, bookmark: bookmark ?? '' };
    return withIterator(this.simulator.rangeQuery(startKey, endKey, page)) as StateQueryResponse<Iterators.StateQueryIterator>;
  }

  private privateRange(collection: string, startKey: string, endKey: string): { iterator: Iterators.StateQueryIterator } {
    return withIterator(this.simulator.privateDataRangeQuery(collection, startKey, endKey));
  }
}

/** The shim's response object: metadata only when the peer sent some (paginated queries). */
function withIterator(response: RangeQueryResponse): { iterator: Iterators.StateQueryIterator; metadata?: RangeQueryResponse['metadata'] } {
  const iterator = stateQueryIterator(response.results);
  return response.metadata === undefined ? { iterator } : { iterator, metadata: response.metadata };
}

/** Runs a call inside a promise so that its failures reject, as the shim's peer round trip does. */
function deferred<T>(run: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(run());
  });
}

/** The shim hands values to protobuf, which sends a missing value as empty bytes (a delete). */
function toBytes(value: Uint8Array | string | null | undefined): Uint8Array {
  if (value === undefined || value === null) {
    return new Uint8Array();
  }
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function requireNonEmptyKey(key: string): void {
  if (!isNonEmptyString(key)) {
    throw new Error('key must not be an empty string');
  }
}

function requireCollection(collection: string): void {
  if (!isNonEmptyString(collection)) {
    throw new Error('collection must be a valid string');
  }
}

function requireCollectionAndKey(collection: string, key: string): void {
  requireCollection(collection);
  if (!isNonEmptyString(key)) {
    throw new Error('key must be a valid string');
  }
}
