import { randomBytes } from 'node:crypto';
import { uniquePatientId } from '../file-test-helpers';
import { StateKeyVault } from './state-key-vault';
import { dataKeyRecord, describeKeyVault } from './test-support/key-vault-contract';
import { type VaultDocument, VaultState } from './vault-state';

/** The memory vault's storage is its document: reopening reads it back, as a restarted gateway reads its store. */
describeKeyVault('memory', () => {
  let document: VaultDocument | undefined;
  const persist = (written: VaultDocument): Promise<void> => {
    document = written;
    return Promise.resolve();
  };
  return {
    open: async (master) => {
      const state = document === undefined ? VaultState.empty(master) : VaultState.fromDocument(master, document);
      await persist(state.toDocument());
      return new StateKeyVault(master, state, persist);
    },
    close: () => Promise.resolve(),
  };
});

describe('the memory key vault (StateKeyVault)', () => {
  it('when persisting fails, then the change is rolled back and the error surfaces', async () => {
    const master = randomBytes(32);
    let failNext = false;
    const vault = new StateKeyVault(master, VaultState.empty(master), () => (failNext ? Promise.reject(new Error('disk full')) : Promise.resolve()));
    const patientId = uniquePatientId();
    await vault.getOrCreateKek(patientId);
    failNext = true;
    await expect(vault.destroyKek(patientId)).rejects.toThrow('disk full');
    await expect(vault.putDataKey(dataKeyRecord(patientId))).rejects.toThrow('disk full');
    failNext = false;
    expect(await vault.getKek(patientId)).toBeDefined();
    expect(await vault.listDataKeys(patientId)).toEqual([]);
  });
});
