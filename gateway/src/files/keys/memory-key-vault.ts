import type { DataKeyRecord, Kek, KeyVault } from './key-vault';
import { VaultState } from './vault-state';

/** A vault that lives only as long as the process (tests): a fresh VaultState, or `state` to share one. */
export function createMemoryKeyVault(masterKey: Buffer, clock: () => Date = () => new Date(), state = VaultState.empty(masterKey)): KeyVault {
  return new MemoryKeyVault(state, clock);
}

/** KeyVault over a VaultState. Every operation is synchronous underneath, so none interleaves with another. */
class MemoryKeyVault implements KeyVault {
  constructor(
    private readonly state: VaultState,
    private readonly clock: () => Date,
  ) {}

  getOrCreateKek(patientId: string): Promise<Kek> {
    return settled(() => this.state.getKek(patientId) ?? this.state.createKek(patientId, this.clock()));
  }

  getKek(patientId: string): Promise<Kek | undefined> {
    return settled(() => this.state.getKek(patientId));
  }

  destroyKek(patientId: string): Promise<boolean> {
    return settled(() => this.state.destroyKek(patientId));
  }

  putDataKey(record: DataKeyRecord): Promise<void> {
    return settled(() => {
      this.state.putDataKey(record);
    });
  }

  commitDataKey(keyRef: string): Promise<void> {
    return settled(() => {
      this.state.commitDataKey(keyRef);
    });
  }

  getDataKey(keyRef: string): Promise<DataKeyRecord | undefined> {
    return settled(() => this.state.getDataKey(keyRef));
  }

  findDataKeyByStorageRef(storageRef: string): Promise<DataKeyRecord | undefined> {
    return settled(() => this.state.findByStorageRef(storageRef));
  }

  listDataKeys(patientId: string): Promise<DataKeyRecord[]> {
    return settled(() => this.state.listDataKeys((record) => record.patientId === patientId));
  }

  listPendingDataKeys(): Promise<DataKeyRecord[]> {
    return settled(() => this.state.listDataKeys((record) => record.state === 'pending'));
  }

  deleteDataKey(keyRef: string): Promise<boolean> {
    return settled(() => this.state.deleteDataKey(keyRef));
  }
}

/** The result as a promise; a throw becomes a rejection, as a store vault's would. */
function settled<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
