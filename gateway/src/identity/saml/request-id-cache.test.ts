import { requestIdCache } from './request-id-cache';
import { MemoryRequestIds } from './test-support/memory-stores';

describe('requestIdCache', () => {
  test('when node-saml saves a request ID, then the store remembers it until the TTL', async () => {
    const store = new MemoryRequestIds();
    await requestIdCache(store, 60_000).saveAsync('_req-save', new Date().toISOString());
    expect(store.has('_req-save')).toBe(true);
  });

  test('when one validation reads an ID twice, then it is consumed once and both reads succeed', async () => {
    const store = new MemoryRequestIds();
    await store.remember('_req-twice', new Date(Date.now() + 60_000));
    const cache = requestIdCache(store, 60_000);
    expect(await cache.getAsync('_req-twice')).not.toBeNull();
    expect(await cache.getAsync('_req-twice')).not.toBeNull();
    expect(store.has('_req-twice')).toBe(false);
  });

  test('when two validations read the same ID, then only the first gets it', async () => {
    const store = new MemoryRequestIds();
    await store.remember('_req-race', new Date(Date.now() + 60_000));
    const [first, second] = await Promise.all([requestIdCache(store, 60_000).getAsync('_req-race'), requestIdCache(store, 60_000).getAsync('_req-race')]);
    expect([first === null, second === null].sort()).toEqual([false, true]);
  });

  test('when node-saml removes an ID after a failure, then the ID is burnt', async () => {
    const store = new MemoryRequestIds();
    await store.remember('_req-burn', new Date(Date.now() + 60_000));
    await requestIdCache(store, 60_000).removeAsync('_req-burn');
    expect(await requestIdCache(store, 60_000).getAsync('_req-burn')).toBeNull();
  });

  test('when the ID expired, then reading it fails', async () => {
    const store = new MemoryRequestIds();
    await store.remember('_req-old', new Date(Date.now() - 1));
    expect(await requestIdCache(store, 60_000).getAsync('_req-old')).toBeNull();
  });
});
