import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../wiring/sqlite-store';
import type { GatewayStore } from '../../wiring/gateway-store';
import { uniquePatientId } from '../file-test-helpers';
import { importJsonVaultFile } from './json-vault-import';
import { openStoreKeyVault } from './store-key-vault';
import { writeLegacyVaultFile } from './test-support/legacy-vault-file';

let directory: string;
let path: string;
let store: GatewayStore;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medledger-vault-import-'));
  path = join(directory, 'file-key-vault.json');
  store = openSqliteStore();
});
afterEach(async () => {
  await store.close();
  await rm(directory, { recursive: true, force: true });
});

describe('importing a key vault file into the gateway store', () => {
  it('when the file exists and the store vault is empty, then its keys move to the store and the file is renamed, once', async () => {
    const master = randomBytes(32);
    const legacy = await writeLegacyVaultFile(path, master);

    const imported = await importJsonVaultFile(path, store, master);
    const again = await importJsonVaultFile(path, store, master);

    expect(imported).toEqual({ outcome: 'imported', from: path, to: `${path}.imported`, keks: 1, dataKeys: 1 });
    expect(again).toBeUndefined();
    expect(await readdir(directory)).toEqual(['file-key-vault.json.imported']);
    const vault = await openStoreKeyVault(store.fileKeys, master);
    expect((await vault.getKek(legacy.kek.patientId))?.key.equals(legacy.kek.key)).toBe(true);
    expect(await vault.findDataKeyByStorageRef(legacy.record.storageRef)).toEqual(legacy.record);
  });

  it('when there is no file, then nothing is imported', async () => {
    expect(await importJsonVaultFile(path, store, randomBytes(32))).toBeUndefined();
    expect(await store.fileKeys.isEmpty()).toBe(true);
  });

  it('when the file was sealed under another master key, then KEY_VAULT_FAILED, the file stays and the store stays empty', async () => {
    await writeLegacyVaultFile(path, randomBytes(32));

    await expect(importJsonVaultFile(path, store, randomBytes(32))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED', message: expect.stringContaining('another master key') as unknown });

    expect(await readdir(directory)).toEqual(['file-key-vault.json']);
    expect(await store.fileKeys.isEmpty()).toBe(true);
  });

  it('when the file is not a vault, then KEY_VAULT_FAILED and the file stays', async () => {
    await writeFile(path, '{"format": ');

    await expect(importJsonVaultFile(path, store, randomBytes(32))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });

    expect(await readdir(directory)).toEqual(['file-key-vault.json']);
  });

  it('when the store vault already holds other keys, then KEY_VAULT_FAILED says why, and neither the file nor the store changes', async () => {
    const master = randomBytes(32);
    const legacy = await writeLegacyVaultFile(path, master);
    const vault = await openStoreKeyVault(store.fileKeys, master);
    const other = await vault.getOrCreateKek(uniquePatientId());

    await expect(importJsonVaultFile(path, store, master)).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED', message: expect.stringContaining('not empty') as unknown });

    expect(await readdir(directory)).toEqual(['file-key-vault.json']);
    expect(await vault.getKek(legacy.kek.patientId)).toBeUndefined();
    expect((await vault.getKek(other.patientId))?.kekId).toBe(other.kekId);
  });

  it('when a start stopped between the import and the rename, then the next start only renames the file', async () => {
    const master = randomBytes(32);
    await writeLegacyVaultFile(path, master);
    await importJsonVaultFile(path, store, master);
    await rename(`${path}.imported`, path);

    const second = await importJsonVaultFile(path, store, master);

    expect(second).toMatchObject({ outcome: 'already-imported' });
    expect(await readdir(directory)).toEqual(['file-key-vault.json.imported']);
  });

  it('when an imported KEK was destroyed and the file comes back (a backup), then KEY_VAULT_FAILED: shredding is not undone', async () => {
    const master = randomBytes(32);
    const legacy = await writeLegacyVaultFile(path, master);
    const backup = await readFile(path);
    await importJsonVaultFile(path, store, master);
    await (await openStoreKeyVault(store.fileKeys, master)).destroyKek(legacy.kek.patientId);
    await writeFile(path, backup);

    await expect(importJsonVaultFile(path, store, master)).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });

    expect(await store.fileKeys.getKek(legacy.kek.patientId)).toBeUndefined();
  });
});
