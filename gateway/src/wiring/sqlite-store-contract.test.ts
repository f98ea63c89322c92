import { openStoreKeyVault } from '../files/keys/store-key-vault';
import { describeKeyVault } from '../files/keys/test-support/key-vault-contract';
import { openSqliteStore } from './sqlite-store';
import { describeGatewayStore } from './test-support/store-contract';

describeGatewayStore('SQLite (in memory)', () => openSqliteStore());

describeKeyVault('SQLite store', () => {
  const store = openSqliteStore();
  return { open: (master) => openStoreKeyVault(store.fileKeys, master), close: () => store.close() };
});
