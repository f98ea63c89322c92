import { DuplicateKeyError } from '../../platform/database/store-errors';
import { FileError } from '../errors';
import { keyCheckValue, matchesKeyCheck } from './key-check';
import type { DataKeyRecord, Kek, KeyVault } from './key-vault';
import type { KeyVaultRepository } from './key-vault-repository';
import { createKek, kekSealingKey, openKek } from './key-wrap';

/**
 * The files key vault in the gateway store (SQLite or PostgreSQL), so every gateway on the same
 * database uses the same keys. Opening checks the master key against the stored key-check value
 * (the first gateway records it): a gateway unsealed with another master key refuses to start
 * instead of failing later on undecryptable KEKs.
 */
export async function openStoreKeyVault(repository: KeyVaultRepository, masterKey: Buffer, clock: () => Date = () => new Date()): Promise<KeyVault> {
  const stored = await repository.claimMasterKeyCheck(keyCheckValue(masterKey), clock());
  if (!matchesKeyCheck(masterKey, stored)) {
    throw new FileError('KEY_VAULT_FAILED', 'the key vault in the gateway store was sealed with another master key');
  }
  return new StoreKeyVault(repository, kekSealingKey(masterKey), clock);
}

/**
 * KeyVault over the store's rows: seals and unseals KEKs (key-wrap.ts) and maps the store's
 * refusals to KEY_VAULT_FAILED. It holds no state of its own; the database settles races.
 */
class StoreKeyVault implements KeyVault {
  constructor(
    private readonly rows: KeyVaultRepository,
    private readonly sealingKey: Buffer,
    private readonly clock: () => Date,
  ) {}

  async getOrCreateKek(patientId: string): Promise<Kek> {
    const existing = await this.getKek(patientId);
    if (existing !== undefined) {
      return existing;
    }
    const { kek, sealed } = createKek(this.sealingKey, patientId, this.clock());
    kek.key.fill(0);
    // Another gateway (or request) may insert first: then ours does nothing and everyone reads the winner's.
    await this.rows.insertKekIfAbsent(sealed);
    const stored = await this.getKek(patientId);
    if (stored === undefined) {
      throw new FileError('KEY_VAULT_FAILED', `the KEK of ${patientId} was destroyed while it was being created`);
    }
    return stored;
  }

  async getKek(patientId: string): Promise<Kek | undefined> {
    const sealed = await this.rows.getKek(patientId);
    return sealed === undefined ? undefined : openKek(this.sealingKey, sealed);
  }

  destroyKek(patientId: string): Promise<boolean> {
    return this.rows.deleteKek(patientId);
  }

  async putDataKey(record: DataKeyRecord): Promise<void> {
    try {
      await this.rows.insertDataKey(record);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new FileError('KEY_VAULT_FAILED', `a data key for ${record.keyRef} or ${record.storageRef} already exists`);
      }
      throw error;
    }
  }

  async commitDataKey(keyRef: string): Promise<void> {
    if (!(await this.rows.commitDataKey(keyRef))) {
      throw new FileError('KEY_VAULT_FAILED', `no data key ${keyRef}`);
    }
  }

  getDataKey(keyRef: string): Promise<DataKeyRecord | undefined> {
    return this.rows.getDataKey(keyRef);
  }

  findDataKeyByStorageRef(storageRef: string): Promise<DataKeyRecord | undefined> {
    return this.rows.findDataKeyByStorageRef(storageRef);
  }

  listDataKeys(patientId: string): Promise<DataKeyRecord[]> {
    return this.rows.listDataKeys(patientId);
  }

  listPendingDataKeys(): Promise<DataKeyRecord[]> {
    return this.rows.listPendingDataKeys();
  }

  deleteDataKey(keyRef: string): Promise<boolean> {
    return this.rows.deleteDataKey(keyRef);
  }
}
