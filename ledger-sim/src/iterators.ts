import type { Iterators } from 'fabric-shim-api';

/**
 * Query results as the shim hands them to chaincode: iterators with next()/close(), returned in
 * a promise that is also async-iterable. Results are read when the query runs; simulations
 * never overlap a commit, so this equals Fabric's lazily fetched batches.
 */

/** What the shim's iterators yield at runtime: no `namespace`, despite fabric-shim-api's KV type. */
export interface QueryResult {
  key: string;
  value: Buffer;
}

/** At runtime the shim's history timestamp is protobuf's toObject(): plain numbers, not Long. */
export interface HistoryResult {
  txId: string;
  value: Buffer;
  isDelete: boolean;
  timestamp: { seconds: number; nanos: number };
}

class BufferedIterator<T> {
  private position = 0;

  constructor(private readonly results: readonly T[]) {}

  next(): Promise<Iterators.NextResult<T>> {
    const value = this.results[this.position];
    if (value === undefined) {
      // the shim returns { done: true } with no value once exhausted
      return Promise.resolve({ done: true } as Iterators.NextResult<T>);
    }
    this.position += 1;
    return Promise.resolve({ value, done: false });
  }

  /** Releases the query on the peer; the results already fetched stay readable, as in the shim. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Typed as fabric-shim-api's KV iterator, which chaincode compiles against. */
export function stateQueryIterator(results: readonly QueryResult[]): Iterators.StateQueryIterator {
  return new BufferedIterator(results) as unknown as Iterators.StateQueryIterator;
}

export function historyQueryIterator(results: readonly HistoryResult[]): Iterators.HistoryQueryIterator {
  // fabric-shim-api declares Long seconds; see HistoryResult for why they are numbers here
  return new BufferedIterator(results as unknown as readonly Iterators.KeyModification[]);
}

/**
 * Makes a query's promise async-iterable like the shim's convertToAsyncIterator: `for await`
 * runs the query, walks its iterator and closes it at the end or on an early exit.
 */
export function iterableQuery<R, T>(
  response: Promise<R>,
  iteratorOf: (resolved: R) => Iterators.CommonIterator<T>,
): Promise<R> & AsyncIterable<T> {
  const iterable = response as Promise<R> & AsyncIterable<T>;
  iterable[Symbol.asyncIterator] = () => {
    let iterator: Iterators.CommonIterator<T> | undefined;
    return {
      next: async () => {
        iterator ??= iteratorOf(await response);
        const result = await iterator.next();
        if (result.done) {
          await iterator.close();
        }
        return result as IteratorResult<T>;
      },
      return: async () => {
        await iterator?.close();
        return { done: true, value: undefined };
      },
    };
  };
  return iterable;
}
