import { StateKeyVault } from './state-key-vault';
import { VaultState } from './vault-state';

/** A vault that lives only as long as the process: tests and throw-away development runs. */
export function createMemoryKeyVault(masterKey: Buffer, clock?: () => Date): StateKeyVault {
  return new StateKeyVault(masterKey, VaultState.empty(masterKey), () => Promise.resolve(), clock);
}
