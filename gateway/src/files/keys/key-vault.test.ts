import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueFileId, uniquePatientId } from '../file-test-helpers';
import type { DataKeyRecord, KeyVault } from './key-vault';
import { openJsonFileKeyVault } from './json-file-key-vault';
import { createMemoryKeyVault } from './memory-key-vault';
import { StateKeyVault } from './state-key-vault';
import { VaultState } from './vault-state';

function record(patientId: string, overrides: Partial<DataKeyRecord> = {}): DataKeyRecord {
  const digest = randomBytes(32).toString('hex');
  return {
    keyRef: randomBytes(16).toString('hex'),
    patientId,
    fileId: uniqueFileId(),
    kekId: 'k',
    wrappedKey: randomBytes(60).toString('base64'),
    storageRef: `sha256:${digest}`,
    state: 'pending',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medledger-vault-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const vaults: [string, (master: Buffer) => Promise<KeyVault>][] = [
  ['memory', (master) => Promise.resolve(createMemoryKeyVault(master))],
  ['JSON file', (master) => openJsonFileKeyVault(join(directory, 'vault.json'), master)],
];

describe.each(vaults)('%s key vault', (_name, open) => {
  it('when a KEK is requested twice, even concurrently, then one KEK is created', async () => {
    const vault = await open(randomBytes(32));
    const patientId = uniquePatientId();
    const keks = await Promise.all(Array.from({ length: 8 }, () => vault.getOrCreateKek(patientId)));
    expect(new Set(keks.map((kek) => kek.kekId)).size).toBe(1);
    expect(new Set(keks.map((kek) => kek.key.toString('hex'))).size).toBe(1);
    expect((await vault.getKek(patientId))?.kekId).toBe(keks[0]?.kekId);
  });

  it('when two patients ask for KEKs, then they get different keys', async () => {
    const vault = await open(randomBytes(32));
    const a = await vault.getOrCreateKek(uniquePatientId());
    const b = await vault.getOrCreateKek(uniquePatientId());
    expect(a.key.equals(b.key)).toBe(false);
  });

  it('when a KEK is destroyed, then it is gone and a later request makes a new one', async () => {
    const vault = await open(randomBytes(32));
    const patientId = uniquePatientId();
    const first = await vault.getOrCreateKek(patientId);
    expect(await vault.destroyKek(patientId)).toBe(true);
    expect(await vault.getKek(patientId)).toBeUndefined();
    expect(await vault.destroyKek(patientId)).toBe(false);
    const second = await vault.getOrCreateKek(patientId);
    expect(second.kekId).not.toBe(first.kekId);
    expect(second.key.equals(first.key)).toBe(false);
  });

  it('when data key records are kept, then they are found by key reference, storage reference, patient and state', async () => {
    const vault = await open(randomBytes(32));
    const patientId = uniquePatientId();
    const mine = record(patientId);
    const other = record(uniquePatientId());
    await vault.putDataKey(mine);
    await vault.putDataKey(other);
    await vault.commitDataKey(other.keyRef);
    expect(await vault.getDataKey(mine.keyRef)).toEqual(mine);
    expect(await vault.findDataKeyByStorageRef(mine.storageRef)).toEqual(mine);
    expect(await vault.listDataKeys(patientId)).toEqual([mine]);
    expect(await vault.listPendingDataKeys()).toEqual([mine]);
    expect(await vault.deleteDataKey(mine.keyRef)).toBe(true);
    expect(await vault.deleteDataKey(mine.keyRef)).toBe(false);
    expect(await vault.findDataKeyByStorageRef(mine.storageRef)).toBeUndefined();
  });

  it('when a record reuses a key or storage reference, then it is refused', async () => {
    const vault = await open(randomBytes(32));
    const first = record(uniquePatientId());
    await vault.putDataKey(first);
    await expect(vault.putDataKey({ ...record(uniquePatientId()), keyRef: first.keyRef })).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
    await expect(vault.putDataKey({ ...record(uniquePatientId()), storageRef: first.storageRef })).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
  });
});

describe('JSON file key vault durability', () => {
  it('when the vault is reopened with the same master key, then KEKs and records survive', async () => {
    const master = randomBytes(32);
    const path = join(directory, 'vault.json');
    const patientId = uniquePatientId();
    const first = await openJsonFileKeyVault(path, master);
    const kek = await first.getOrCreateKek(patientId);
    const kept = record(patientId);
    await first.putDataKey(kept);
    const reopened = await openJsonFileKeyVault(path, master);
    expect((await reopened.getKek(patientId))?.key.equals(kek.key)).toBe(true);
    expect(await reopened.getDataKey(kept.keyRef)).toEqual(kept);
  });

  it('when the vault is reopened with another master key, then it is refused', async () => {
    const path = join(directory, 'vault.json');
    await (await openJsonFileKeyVault(path, randomBytes(32))).getOrCreateKek(uniquePatientId());
    await expect(openJsonFileKeyVault(path, randomBytes(32))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
  });

  it('when the vault file is corrupt, then opening is refused', async () => {
    const path = join(directory, 'vault.json');
    await (await openJsonFileKeyVault(path, randomBytes(32))).getOrCreateKek(uniquePatientId());
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, '{"format": ');
    await expect(openJsonFileKeyVault(path, randomBytes(32))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
  });

  it('when KEKs are written, then the file is 0600, holds no key in the clear and leaves no temp files', async () => {
    const path = join(directory, 'vault.json');
    const vault = await openJsonFileKeyVault(path, randomBytes(32));
    const kek = await vault.getOrCreateKek(uniquePatientId());
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(kek.key.toString('base64'));
    expect(text).not.toContain(kek.key.toString('hex'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toEqual(['vault.json']);
  });

  it('when a KEK is destroyed, then the rewritten file no longer holds its sealed form', async () => {
    const path = join(directory, 'vault.json');
    const vault = await openJsonFileKeyVault(path, randomBytes(32));
    const patientId = uniquePatientId();
    await vault.getOrCreateKek(patientId);
    expect(await readFile(path, 'utf8')).toContain(patientId);
    await vault.destroyKek(patientId);
    expect(await readFile(path, 'utf8')).not.toContain(patientId);
  });

  it('when persisting fails, then the change is rolled back and the error surfaces', async () => {
    const master = randomBytes(32);
    let failNext = false;
    const vault = new StateKeyVault(master, VaultState.empty(master), () => (failNext ? Promise.reject(new Error('disk full')) : Promise.resolve()));
    const patientId = uniquePatientId();
    await vault.getOrCreateKek(patientId);
    failNext = true;
    await expect(vault.destroyKek(patientId)).rejects.toThrow('disk full');
    await expect(vault.putDataKey(record(patientId))).rejects.toThrow('disk full');
    failNext = false;
    expect(await vault.getKek(patientId)).toBeDefined();
    expect(await vault.listDataKeys(patientId)).toEqual([]);
  });
});
