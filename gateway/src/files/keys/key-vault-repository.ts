import type { DataKeyRecord, SealedKek } from './key-vault';

/**
 * The key vault's rows in the gateway store (migration 6), shared by every gateway on that
 * database. It holds sealed and wrapped keys only: store-key-vault.ts seals and unseals them under
 * the master key. Each method is one statement, so gateways racing on the same rows settle on a
 * primary key, not on a lock. Inserts that meet an existing key throw DuplicateKeyError.
 */
export interface KeyVaultRepository {
  /** Records `check` unless a check is stored already; returns the stored one (the first gateway's). */
  claimMasterKeyCheck(check: string, now: Date): Promise<string>;
  /** Inserts the KEK unless the patient has one already (another gateway won the race): read it back. */
  insertKekIfAbsent(kek: SealedKek): Promise<void>;
  getKek(patientId: string): Promise<SealedKek | undefined>;
  /** True when a KEK was deleted. */
  deleteKek(patientId: string): Promise<boolean>;
  insertDataKey(record: DataKeyRecord): Promise<void>;
  /** True when the record exists (committed now or already). */
  commitDataKey(keyRef: string): Promise<boolean>;
  getDataKey(keyRef: string): Promise<DataKeyRecord | undefined>;
  findDataKeyByStorageRef(storageRef: string): Promise<DataKeyRecord | undefined>;
  listDataKeys(patientId: string): Promise<DataKeyRecord[]>;
  listPendingDataKeys(): Promise<DataKeyRecord[]>;
  /** True when the record existed. */
  deleteDataKey(keyRef: string): Promise<boolean>;
  /** True when no KEK and no data key is stored (the master key check does not count). */
  isEmpty(): Promise<boolean>;
}

/** What the files feature needs of the gateway store: the vault's rows, and a transaction over them (the import). */
export interface KeyVaultStore {
  fileKeys: KeyVaultRepository;
  transaction<T>(work: (tx: { fileKeys: KeyVaultRepository }) => Promise<T>): Promise<T>;
}
