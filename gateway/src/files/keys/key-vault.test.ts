import { createMemoryKeyVault } from './memory-key-vault';
import { describeKeyVault } from './test-support/key-vault-contract';
import { VaultState } from './vault-state';

/** The memory vault's storage is its VaultState: reopening copies it, as a restarted gateway reads its store. */
describeKeyVault('memory', () => {
  let state: VaultState | undefined;
  return {
    // in a promise executor, so a refused master key rejects, as opening a store vault does
    open: (master) =>
      new Promise((resolve) => {
        state = state === undefined ? VaultState.empty(master) : VaultState.fromDocument(master, state.toDocument());
        resolve(createMemoryKeyVault(master, undefined, state));
      }),
    close: () => Promise.resolve(),
  };
});
