import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import type { RequestIdStore } from './types';

/**
 * node-saml's CacheProvider over our RequestIdStore, built fresh for each incoming message.
 *
 * node-saml checks InResponseTo with getAsync() and forgets it later with removeAsync(); between the
 * two, a concurrent replay of the same response would also pass. So getAsync() *consumes* the ID
 * atomically and remembers the outcome for the rest of this one validation (node-saml reads the ID
 * a second time, for SubjectConfirmationData). Of N parallel posts, exactly one sees the ID.
 */
export function requestIdCache(store: RequestIdStore, ttlMs: number): CacheProvider {
  const consumedHere = new Map<string, string>();
  return {
    saveAsync: async (key: string, value: string): Promise<CacheItem> => {
      const createdAt = new Date().getTime();
      await store.remember(key, new Date(createdAt + ttlMs));
      return { value, createdAt };
    },
    getAsync: async (key: string): Promise<string | null> => {
      const seen = consumedHere.get(key);
      if (seen !== undefined) return seen;
      if (!(await store.consume(key))) return null;
      // node-saml re-checks the age against this instant; the store already enforced expiry.
      const instant = new Date().toISOString();
      consumedHere.set(key, instant);
      return instant;
    },
    removeAsync: async (key: string | null): Promise<string | null> => {
      if (key === null) return null;
      // Burn the ID even when validation failed: a request is answered at most once.
      await store.consume(key);
      return consumedHere.get(key) ?? null;
    },
  };
}
