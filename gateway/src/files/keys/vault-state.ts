import { FileError } from '../errors';
import { keyCheckValue, matchesKeyCheck } from './key-check';
import type { DataKeyRecord, Kek, SealedKek } from './key-vault';
import { createKek, kekSealingKey, openKek } from './key-wrap';

export const VAULT_FORMAT = 'medledger-key-vault/1';

/**
 * The key vault file of earlier versions (json-vault-import.ts reads it): lists rather than objects
 * keyed by IDs, so no ID can clash with a prototype key.
 */
export interface VaultDocument {
  /** VAULT_FORMAT when written; a file read back may hold anything, which fromDocument refuses. */
  format: string;
  masterKeyCheck: string;
  keks: SealedKek[];
  dataKeys: DataKeyRecord[];
}

/** Vault contents in memory with synchronous operations: the memory vault, and a vault file checked before it is imported. */
export class VaultState {
  readonly #sealingKey: Buffer;
  readonly #masterKeyCheck: string;
  readonly #keks = new Map<string, SealedKek>();
  readonly #dataKeys = new Map<string, DataKeyRecord>();
  readonly #byStorageRef = new Map<string, string>();

  private constructor(masterKey: Buffer, masterKeyCheck: string) {
    this.#sealingKey = kekSealingKey(masterKey);
    this.#masterKeyCheck = masterKeyCheck;
  }

  static empty(masterKey: Buffer): VaultState {
    return new VaultState(masterKey, keyCheckValue(masterKey));
  }

  static fromDocument(masterKey: Buffer, document: VaultDocument): VaultState {
    if (document.format !== VAULT_FORMAT || !Array.isArray(document.keks) || !Array.isArray(document.dataKeys)) {
      throw new FileError('KEY_VAULT_FAILED', `the key vault is not in format ${VAULT_FORMAT}`);
    }
    if (!matchesKeyCheck(masterKey, document.masterKeyCheck)) {
      throw new FileError('KEY_VAULT_FAILED', 'the key vault was sealed with another master key');
    }
    const state = new VaultState(masterKey, document.masterKeyCheck);
    document.keks.forEach((kek) => state.#keks.set(kek.patientId, { ...kek }));
    for (const record of document.dataKeys) {
      state.putDataKey(record);
    }
    return state;
  }

  toDocument(): VaultDocument {
    return {
      format: VAULT_FORMAT,
      masterKeyCheck: this.#masterKeyCheck,
      keks: [...this.#keks.values()].map((kek) => ({ ...kek })),
      dataKeys: [...this.#dataKeys.values()].map((record) => ({ ...record })),
    };
  }

  getKek(patientId: string): Kek | undefined {
    const sealed = this.#keks.get(patientId);
    return sealed === undefined ? undefined : openKek(this.#sealingKey, sealed);
  }

  createKek(patientId: string, now: Date): Kek {
    const { kek, sealed } = createKek(this.#sealingKey, patientId, now);
    this.#keks.set(patientId, sealed);
    return kek;
  }

  destroyKek(patientId: string): boolean {
    return this.#keks.delete(patientId);
  }

  putDataKey(record: DataKeyRecord): void {
    const existing = this.#byStorageRef.get(record.storageRef);
    if (this.#dataKeys.has(record.keyRef) || (existing !== undefined && existing !== record.keyRef)) {
      throw new FileError('KEY_VAULT_FAILED', `a data key for ${record.keyRef} or ${record.storageRef} already exists`);
    }
    this.#dataKeys.set(record.keyRef, { ...record });
    this.#byStorageRef.set(record.storageRef, record.keyRef);
  }

  commitDataKey(keyRef: string): void {
    const record = this.#dataKeys.get(keyRef);
    if (record === undefined) {
      throw new FileError('KEY_VAULT_FAILED', `no data key ${keyRef}`);
    }
    record.state = 'committed';
  }

  getDataKey(keyRef: string): DataKeyRecord | undefined {
    const record = this.#dataKeys.get(keyRef);
    return record === undefined ? undefined : { ...record };
  }

  findByStorageRef(storageRef: string): DataKeyRecord | undefined {
    const keyRef = this.#byStorageRef.get(storageRef);
    return keyRef === undefined ? undefined : this.getDataKey(keyRef);
  }

  listDataKeys(predicate: (record: DataKeyRecord) => boolean): DataKeyRecord[] {
    return [...this.#dataKeys.values()].filter(predicate).map((record) => ({ ...record }));
  }

  deleteDataKey(keyRef: string): boolean {
    const record = this.#dataKeys.get(keyRef);
    if (record === undefined) {
      return false;
    }
    this.#dataKeys.delete(keyRef);
    this.#byStorageRef.delete(record.storageRef);
    return true;
  }
}
