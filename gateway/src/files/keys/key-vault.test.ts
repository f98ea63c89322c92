import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniquePatientId } from '../file-test-helpers';
import { openJsonFileKeyVault } from './json-file-key-vault';
import { StateKeyVault } from './state-key-vault';
import { dataKeyRecord, describeKeyVault } from './test-support/key-vault-contract';
import { type VaultDocument, VaultState } from './vault-state';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medledger-vault-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The memory vault's storage is its document: reopening reads it back, as the JSON file vault did from disk. */
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

describe('JSON file key vault durability', () => {
  it('when the vault is reopened with the same master key, then KEKs and records survive', async () => {
    const master = randomBytes(32);
    const path = join(directory, 'vault.json');
    const patientId = uniquePatientId();
    const first = await openJsonFileKeyVault(path, master);
    const kek = await first.getOrCreateKek(patientId);
    const kept = dataKeyRecord(patientId);
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
    await expect(vault.putDataKey(dataKeyRecord(patientId))).rejects.toThrow('disk full');
    failNext = false;
    expect(await vault.getKek(patientId)).toBeDefined();
    expect(await vault.listDataKeys(patientId)).toEqual([]);
  });
});
