/**
 * A bounded map that forgets the least recently used entry first and tells its owner, so that an
 * evicted resource (a principal's Gateway) is closed rather than leaked.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>(); // Map keeps insertion order: the first key is the least recently used

  constructor(
    private readonly capacity: number,
    private readonly onEvict: (key: K, value: V) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('an LRU cache needs a capacity of at least 1');
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Adds or replaces; a replaced value is handed to onEvict like an evicted one. */
  set(key: K, value: V): void {
    const previous = this.#entries.get(key);
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (previous !== undefined && previous !== value) {
      this.onEvict(key, previous);
    }
    for (const [oldestKey, oldest] of this.#entries) {
      if (this.#entries.size <= this.capacity) {
        break;
      }
      this.#entries.delete(oldestKey);
      this.onEvict(oldestKey, oldest);
    }
  }

  /** Empties the cache, handing every value to onEvict (most recently used last). */
  clear(): void {
    const entries = [...this.#entries];
    this.#entries.clear();
    for (const [key, value] of entries) {
      this.onEvict(key, value);
    }
  }
}
