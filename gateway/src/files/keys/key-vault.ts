/** A patient's key-encryption key, unsealed; callers zero `key` when done with it. */
export interface Kek {
  patientId: string;
  kekId: string;
  key: Buffer;
}

/** A KEK as it is stored: sealed under the master key's KEK-sealing key (key-wrap.ts), never in the clear. */
export interface SealedKek {
  patientId: string;
  kekId: string;
  /** base64 of nonce | AES-256-GCM ciphertext | tag. */
  sealedKey: string;
  createdAt: string;
}

/** 'pending' from storage write until the chain committed the file's metadata. */
export type DataKeyState = 'pending' | 'committed';

/** One file's data key, wrapped under its patient's KEK, and where its blob is stored. */
export interface DataKeyRecord {
  /** 32 hex characters; also written into the blob header. */
  keyRef: string;
  patientId: string;
  fileId: string;
  kekId: string;
  /** base64 of nonce | AES-256-GCM ciphertext | tag (see key-wrap.ts). */
  wrappedKey: string;
  storageRef: string;
  state: DataKeyState;
  createdAt: string;
}

/**
 * Holds the per-patient KEKs (sealed under the master key) and the per-file wrapped data keys,
 * which double as the index of each patient's blobs. Destroying a KEK makes every data key of
 * that patient unwrappable (crypto-shredding); deleting a data key record shreds one blob.
 */
export interface KeyVault {
  getOrCreateKek(patientId: string): Promise<Kek>;
  getKek(patientId: string): Promise<Kek | undefined>;
  /** True when a KEK existed and is now gone. */
  destroyKek(patientId: string): Promise<boolean>;
  putDataKey(record: DataKeyRecord): Promise<void>;
  commitDataKey(keyRef: string): Promise<void>;
  getDataKey(keyRef: string): Promise<DataKeyRecord | undefined>;
  findDataKeyByStorageRef(storageRef: string): Promise<DataKeyRecord | undefined>;
  listDataKeys(patientId: string): Promise<DataKeyRecord[]>;
  listPendingDataKeys(): Promise<DataKeyRecord[]>;
  /** True when the record existed. */
  deleteDataKey(keyRef: string): Promise<boolean>;
}
