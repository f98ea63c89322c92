import { perTest } from '../../test-support/per-test';
import type { GatewayStore } from '../gateway-store';
import { openSqliteStore, type SqliteStoreOptions } from '../sqlite-store';

/** An in-memory store for each test of the enclosing describe, closed after it (per-test.ts says how). */
export function useSqliteStore(options: SqliteStoreOptions = {}): GatewayStore {
  return perTest(
    () => openSqliteStore(options),
    (store) => store.close(),
  );
}
