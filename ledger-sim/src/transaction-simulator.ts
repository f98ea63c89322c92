import { peerRequestError, type PeerRequest } from './errors';
import type { HistoryResult, QueryResult } from './iterators';
import type { CommittedStateReader } from './world-state';
import { WriteSet } from './write-set';

export interface SimulationContext {
  txId: string;
  channelId: string;
  chaincodeName: string;
}

export interface QueryResponseMetadata {
  fetchedRecordsCount: number;
  bookmark: string;
}

export interface RangeQueryResponse {
  results: QueryResult[];
  /** Present only when the query was paginated, as in the peer's response. */
  metadata?: QueryResponseMetadata;
}

/**
 * The peer's side of one transaction: reads committed state only, collects writes in a write
 * set, and enforces the rules of Fabric's transaction simulator. Failures carry the peer's
 * wording, wrapped the way the peer reports a failed chaincode request.
 */
export class TransactionSimulator {
  private readonly writes = new WriteSet();
  private writePerformed = false;
  private paginatedQueryPerformed = false;
  private privateQueryPerformed = false;
  private done = false;

  constructor(
    private readonly committed: CommittedStateReader,
    private readonly context: SimulationContext,
  ) {}

  getState(key: string): Buffer {
    return this.request('GET_STATE', () => bytesOrEmpty(this.committed.getState(key)));
  }

  putState(key: string, value: Uint8Array): void {
    this.request('PUT_STATE', () => {
      this.checkWritePrecondition();
      this.writes.putState(key, value);
    });
  }

  deleteState(key: string): void {
    this.request('DEL_STATE', () => {
      this.checkWritePrecondition();
      this.writes.deleteState(key);
    });
  }

  /** A page size of 0 with no bookmark is not pagination to the peer: it runs a plain range query. */
  rangeQuery(startKey: string, endKey: string, page?: { pageSize: number; bookmark: string }): RangeQueryResponse {
    return this.request('GET_STATE_BY_RANGE', () => {
      if (page === undefined || (page.pageSize === 0 && page.bookmark === '')) {
        return { results: queryResults(this.committed.stateRange(startKey, endKey)) };
      }
      this.checkBeforePaginatedQuery();
      return this.paginatedRange(page.bookmark === '' ? startKey : page.bookmark, endKey, page.pageSize);
    });
  }

  getPrivateData(collection: string, key: string): Buffer {
    return this.request('GET_STATE', () => {
      this.checkCollectionAccess(collection);
      return bytesOrEmpty(this.committed.getPrivateData(collection, key));
    });
  }

  /** The peer checks no collection membership for hashes, only that the collection is defined. */
  getPrivateDataHash(collection: string, key: string): Buffer {
    return this.request('GET_PRIVATE_DATA_HASH', () => {
      if (!this.committed.hasCollection(collection)) {
        throw new Error(`collection [${collection}] not defined in the collection config for chaincode [${this.context.chaincodeName}]`);
      }
      return bytesOrEmpty(this.committed.getPrivateDataHash(collection, key));
    });
  }

  putPrivateData(collection: string, key: string, value: Uint8Array): void {
    this.request('PUT_STATE', () => {
      this.checkCollectionAccess(collection);
      this.checkWritePrecondition();
      this.writes.putPrivateData(collection, key, value);
    });
  }

  deletePrivateData(collection: string, key: string): void {
    this.request('DEL_STATE', () => {
      this.checkCollectionAccess(collection);
      this.checkWritePrecondition();
      this.writes.deletePrivateData(collection, key);
    });
  }

  purgePrivateData(collection: string, key: string): void {
    this.request('PURGE_PRIVATE_DATA', () => {
      this.checkCollectionAccess(collection);
      this.checkWritePrecondition();
      this.writes.purgePrivateData(collection, key);
    });
  }

  privateDataRangeQuery(collection: string, startKey: string, endKey: string): RangeQueryResponse {
    return this.request('GET_STATE_BY_RANGE', () => {
      this.checkCollectionAccess(collection);
      this.checkBeforePrivateDataQuery();
      return { results: queryResults(this.committed.privateDataRange(collection, startKey, endKey)) };
    });
  }

  /** LevelDB, the state database of this network, has no rich (JSON) queries. */
  richQuery(paginated: boolean): never {
    return this.request('GET_QUERY_RESULT', () => {
      throw new Error(paginated ? 'ExecuteQueryWithMetadata not supported for leveldb' : 'ExecuteQuery not supported for leveldb');
    });
  }

  /** Newest first, like Fabric's history database since v2.0. */
  history(key: string): HistoryResult[] {
    return this.request('GET_HISTORY_FOR_KEY', () =>
      [...this.committed.history(key)].reverse().map((change) => ({
        txId: change.txId,
        value: Buffer.from(change.value),
        isDelete: change.isDelete,
        timestamp: { ...change.timestamp },
      })),
    );
  }

  /** Events travel with the chaincode's response rather than through a peer request. */
  setEvent(name: string, payload: Uint8Array): void {
    this.writes.setEvent(name, payload);
  }

  /** Ends the simulation; later requests fail as they do once the peer dropped the transaction context. */
  complete(): WriteSet {
    this.done = true;
    return this.writes;
  }

  private request<T>(request: PeerRequest, handle: () => T): T {
    try {
      if (this.done) {
        throw new Error('no ledger context');
      }
      return handle();
    } catch (error) {
      throw peerRequestError(request, this.context.txId, error);
    }
  }

  private paginatedRange(startKey: string, endKey: string, pageSize: number): RangeQueryResponse {
    const limit = pageSize > 0 ? pageSize : Number.POSITIVE_INFINITY;
    const results: QueryResult[] = [];
    let bookmark = '';
    for (const [key, value] of this.committed.stateRange(startKey, endKey)) {
      if (results.length >= limit) {
        bookmark = key; // Fabric's bookmark is the first key of the next page
        break;
      }
      results.push({ key, value: Buffer.from(value) });
    }
    // An empty last page has all-default metadata, which the peer marshals to zero bytes; the shim
    // decodes metadata only from non-empty bytes, so the contract sees none at all.
    return results.length === 0 && bookmark === '' ? { results } : { results, metadata: { fetchedRecordsCount: results.length, bookmark } };
  }

  /** The peer resolves the collection before anything else, to check the creator's access. */
  private checkCollectionAccess(collection: string): void {
    if (!this.committed.hasCollection(collection)) {
      const { channelId, chaincodeName } = this.context;
      throw new Error(`collection ${channelId}/${chaincodeName}/${collection} could not be found`);
    }
  }

  // The four checks below keep Fabric's wording, including its "unsuppored" typo.

  private checkWritePrecondition(): void {
    const { txId } = this.context;
    if (this.privateQueryPerformed) {
      throw new Error(`txid [${txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed`);
    }
    if (this.paginatedQueryPerformed) {
      throw new Error(`txid [${txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`);
    }
    this.writePerformed = true;
  }

  private checkBeforePaginatedQuery(): void {
    if (this.writePerformed) {
      throw new Error(`txid [${this.context.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`);
    }
    this.paginatedQueryPerformed = true;
  }

  private checkBeforePrivateDataQuery(): void {
    if (this.writePerformed) {
      throw new Error(`txid [${this.context.txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction`);
    }
    this.privateQueryPerformed = true;
  }
}

/** The peer answers a missing key with an empty payload, which the shim turns into an empty Buffer. */
function bytesOrEmpty(value: Uint8Array | undefined): Buffer {
  return value === undefined ? Buffer.alloc(0) : Buffer.from(value);
}

function queryResults(entries: Iterable<[string, Uint8Array]>): QueryResult[] {
  return [...entries].map(([key, value]) => ({ key, value: Buffer.from(value) }));
}
