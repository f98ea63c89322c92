import type { DataKeyRecord, Kek, KeyVault } from './key-vault';
import { type VaultDocument, VaultState } from './vault-state';

export type PersistVault = (document: VaultDocument) => Promise<void>;

/**
 * KeyVault over a VaultState: every operation runs alone (a promise-chain lock) and every change
 * is persisted before it is visible to the next operation; when persisting fails, the change is
 * rolled back and the error surfaces, so memory never runs ahead of what is durable.
 */
export class StateKeyVault implements KeyVault {
  readonly #masterKey: Buffer;
  readonly #persist: PersistVault;
  readonly #clock: () => Date;
  #state: VaultState;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(masterKey: Buffer, state: VaultState, persist: PersistVault, clock: () => Date = () => new Date()) {
    this.#masterKey = Buffer.from(masterKey);
    this.#state = state;
    this.#persist = persist;
    this.#clock = clock;
  }

  getOrCreateKek(patientId: string): Promise<Kek> {
    return this.#exclusive(async () => {
      const existing = this.#state.getKek(patientId);
      return existing ?? (await this.#change((state) => state.createKek(patientId, this.#clock())));
    });
  }

  getKek(patientId: string): Promise<Kek | undefined> {
    return this.#exclusive(() => this.#state.getKek(patientId));
  }

  destroyKek(patientId: string): Promise<boolean> {
    return this.#exclusive(() => this.#change((state) => state.destroyKek(patientId)));
  }

  putDataKey(record: DataKeyRecord): Promise<void> {
    return this.#exclusive(() =>
      this.#change((state) => {
        state.putDataKey(record);
      }),
    );
  }

  commitDataKey(keyRef: string): Promise<void> {
    return this.#exclusive(() =>
      this.#change((state) => {
        state.commitDataKey(keyRef);
      }),
    );
  }

  getDataKey(keyRef: string): Promise<DataKeyRecord | undefined> {
    return this.#exclusive(() => this.#state.getDataKey(keyRef));
  }

  findDataKeyByStorageRef(storageRef: string): Promise<DataKeyRecord | undefined> {
    return this.#exclusive(() => this.#state.findByStorageRef(storageRef));
  }

  listDataKeys(patientId: string): Promise<DataKeyRecord[]> {
    return this.#exclusive(() => this.#state.listDataKeys((record) => record.patientId === patientId));
  }

  listPendingDataKeys(): Promise<DataKeyRecord[]> {
    return this.#exclusive(() => this.#state.listDataKeys((record) => record.state === 'pending'));
  }

  deleteDataKey(keyRef: string): Promise<boolean> {
    return this.#exclusive(() => this.#change((state) => state.deleteDataKey(keyRef)));
  }

  async #change<T>(mutate: (state: VaultState) => T): Promise<T> {
    const before = this.#state.toDocument();
    const result = mutate(this.#state);
    try {
      await this.#persist(this.#state.toDocument());
    } catch (error) {
      this.#state = VaultState.fromDocument(this.#masterKey, before);
      throw error;
    }
    return result;
  }

  /** Runs `operation` after every earlier one has settled; a throw rejects like a failed promise. */
  #exclusive<T>(operation: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
