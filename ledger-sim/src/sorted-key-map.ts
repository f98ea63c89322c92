import { compareKeys } from './keys';

/**
 * A map that also keeps its keys in Fabric's order, so range queries locate their start by
 * binary search instead of sorting the whole state on every query.
 */
export class SortedKeyMap<V> {
  private readonly values = new Map<string, V>();
  private readonly orderedKeys: string[] = [];

  get size(): number {
    return this.values.size;
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  set(key: string, value: V): void {
    if (!this.values.has(key)) {
      this.orderedKeys.splice(this.firstIndexNotBefore(key), 0, key);
    }
    this.values.set(key, value);
  }

  delete(key: string): void {
    if (this.values.delete(key)) {
      this.orderedKeys.splice(this.firstIndexNotBefore(key), 1);
    }
  }

  /** Entries with startKey <= key < endKey in key order; an empty endKey means no upper bound. */
  *range(startKey: string, endKey: string): Generator<[string, V]> {
    for (let index = this.firstIndexNotBefore(startKey); index < this.orderedKeys.length; index++) {
      const key = this.orderedKeys[index] as string;
      if (endKey !== '' && compareKeys(key, endKey) >= 0) {
        return;
      }
      yield [key, this.values.get(key) as V];
    }
  }

  /** All entries in key order. */
  entries(): Generator<[string, V]> {
    return this.range('', '');
  }

  private firstIndexNotBefore(key: string): number {
    let low = 0;
    let high = this.orderedKeys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeys(this.orderedKeys[middle] as string, key) < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
