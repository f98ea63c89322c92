import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('when full, then adding evicts the least recently used entry and reports it', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(2, (key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');

    cache.set('c', 3);

    expect(evicted).toEqual(['b']);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('when a key is replaced, then the old value is reported; setting the same value is not', () => {
    const evicted: number[] = [];
    const cache = new LruCache<string, number>(2, (_key, value) => evicted.push(value));
    cache.set('a', 1);

    cache.set('a', 1);
    cache.set('a', 2);

    expect(evicted).toEqual([1]);
    expect(cache.get('a')).toBe(2);
  });

  it('when cleared, then every value is reported and the cache is empty', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(3, (key) => evicted.push(key));
    cache.set('a', 1);
    cache.set('b', 2);

    cache.clear();

    expect(evicted).toEqual(['a', 'b']);
    expect(cache.size).toBe(0);
  });

  it('when the capacity is below 1, then the cache cannot be made', () => {
    expect(() => new LruCache(0, () => undefined)).toThrow(RangeError);
  });
});
