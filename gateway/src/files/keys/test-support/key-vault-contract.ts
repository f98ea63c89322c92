import { randomBytes } from 'node:crypto';
import { uniqueFileId, uniquePatientId } from '../../file-test-helpers';
import type { DataKeyRecord, KeyVault } from '../key-vault';
import { unwrapDataKey, wrapDataKey } from '../key-wrap';

/**
 * Storage a key vault lives in, for the contract below: `open` unseals the vault over the SAME
 * storage on every call (a restarted gateway, or a second one on the same database).
 */
export interface KeyVaultBackend {
  open(masterKey: Buffer): Promise<KeyVault>;
  close(): Promise<void>;
}

/** A pending data key record of `patientId` with random references. */
export function dataKeyRecord(patientId: string, overrides: Partial<DataKeyRecord> = {}): DataKeyRecord {
  return {
    keyRef: randomBytes(16).toString('hex'),
    patientId,
    fileId: uniqueFileId(),
    kekId: 'k',
    wrappedKey: randomBytes(60).toString('base64'),
    storageRef: `sha256:${randomBytes(32).toString('hex')}`,
    state: 'pending',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * What every KeyVault promises, whatever keeps it (memory, the SQLite store, the PostgreSQL
 * store): `backend` makes empty storage for each test; the suite closes it afterwards.
 */
export function describeKeyVault(name: string, backend: () => KeyVaultBackend | Promise<KeyVaultBackend>): void {
  describe(`the key vault contract: ${name}`, () => {
    let storage: KeyVaultBackend;
    let master: Buffer;
    let vault: KeyVault;
    beforeEach(async () => {
      storage = await backend();
      master = randomBytes(32);
      vault = await storage.open(master);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('when a KEK is requested many times at once, then one KEK is created and every caller gets it', async () => {
      const patientId = uniquePatientId();

      const keks = await Promise.all(Array.from({ length: 8 }, () => vault.getOrCreateKek(patientId)));

      expect(new Set(keks.map((kek) => kek.kekId)).size).toBe(1);
      expect(new Set(keks.map((kek) => kek.key.toString('hex'))).size).toBe(1);
      expect((await vault.getKek(patientId))?.key.equals(keks[0]?.key ?? Buffer.alloc(0))).toBe(true);
    });

    it('when two patients ask for KEKs, then they get different keys', async () => {
      const a = await vault.getOrCreateKek(uniquePatientId());
      const b = await vault.getOrCreateKek(uniquePatientId());

      expect(a.kekId).not.toBe(b.kekId);
      expect(a.key.equals(b.key)).toBe(false);
    });

    it('when a KEK is destroyed, then its data keys no longer unwrap, even after reopening, and a new KEK is a different key', async () => {
      const patientId = uniquePatientId();
      const kek = await vault.getOrCreateKek(patientId);
      const dataKey = randomBytes(32);
      const record = dataKeyRecord(patientId, { kekId: kek.kekId });
      record.wrappedKey = wrapDataKey(kek.key, record, dataKey);
      await vault.putDataKey(record);

      expect(await vault.destroyKek(patientId)).toBe(true);

      expect(await vault.destroyKek(patientId)).toBe(false);
      expect(await vault.getKek(patientId)).toBeUndefined();
      expect(await (await storage.open(master)).getKek(patientId)).toBeUndefined();
      const next = await vault.getOrCreateKek(patientId);
      expect(next.kekId).not.toBe(kek.kekId);
      const stored = (await vault.getDataKey(record.keyRef)) as DataKeyRecord;
      expect(() => unwrapDataKey(next.key, { ...stored, kekId: next.kekId }, stored.wrappedKey)).toThrow(`data key ${record.keyRef} does not unwrap`);
    });

    it('when data key records are kept, then they are found by key reference, storage reference, patient and state', async () => {
      const patientId = uniquePatientId();
      const mine = dataKeyRecord(patientId);
      const other = dataKeyRecord(uniquePatientId());
      await vault.putDataKey(mine);
      await vault.putDataKey(other);

      await vault.commitDataKey(other.keyRef);

      expect(await vault.getDataKey(mine.keyRef)).toEqual(mine);
      expect(await vault.getDataKey(other.keyRef)).toEqual({ ...other, state: 'committed' });
      expect(await vault.findDataKeyByStorageRef(mine.storageRef)).toEqual(mine);
      expect(await vault.listDataKeys(patientId)).toEqual([mine]);
      expect(await vault.listPendingDataKeys()).toEqual([mine]);
    });

    it('when a data key record is deleted, then it is gone by every index and a second delete says so', async () => {
      const patientId = uniquePatientId();
      const record = dataKeyRecord(patientId);
      await vault.putDataKey(record);

      expect(await vault.deleteDataKey(record.keyRef)).toBe(true);

      expect(await vault.deleteDataKey(record.keyRef)).toBe(false);
      expect(await vault.getDataKey(record.keyRef)).toBeUndefined();
      expect(await vault.findDataKeyByStorageRef(record.storageRef)).toBeUndefined();
      expect(await vault.listDataKeys(patientId)).toEqual([]);
    });

    it('when a record reuses a key or storage reference, or an unknown one is committed, then KEY_VAULT_FAILED and the first record stays', async () => {
      const first = dataKeyRecord(uniquePatientId());
      await vault.putDataKey(first);

      await expect(vault.putDataKey({ ...dataKeyRecord(uniquePatientId()), keyRef: first.keyRef })).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
      await expect(vault.putDataKey({ ...dataKeyRecord(uniquePatientId()), storageRef: first.storageRef })).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
      await expect(vault.commitDataKey(randomBytes(16).toString('hex'))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
      expect(await vault.findDataKeyByStorageRef(first.storageRef)).toEqual(first);
    });

    it('when the vault is reopened with the same master key, then KEKs and records survive', async () => {
      const patientId = uniquePatientId();
      const kek = await vault.getOrCreateKek(patientId);
      const kept = dataKeyRecord(patientId);
      await vault.putDataKey(kept);

      const reopened = await storage.open(master);

      expect((await reopened.getKek(patientId))?.key.equals(kek.key)).toBe(true);
      expect(await reopened.getDataKey(kept.keyRef)).toEqual(kept);
    });

    it('when the vault is opened with another master key, then KEY_VAULT_FAILED', async () => {
      await vault.getOrCreateKek(uniquePatientId());

      await expect(storage.open(randomBytes(32))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
    });
  });
}
