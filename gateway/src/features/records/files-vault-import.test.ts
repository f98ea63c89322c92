import { existsSync } from 'node:fs';
import { writeLegacyVaultFile } from '../../files/keys/test-support/legacy-vault-file';
import { createLogger } from '../../platform/logging/logger';
import { TEST_MASTER_KEY } from '../../test-support/test-gateway';
import { useFilesGateway } from './test-support/files-gateway';

describe('/files: the key vault file of an earlier version, at start-up', () => {
  const files = useFilesGateway();

  it('when a vault file is left in the data directory, then start-up imports it into the store, renames it and logs one line without key material', async () => {
    const path = files.gateway.config.files.legacyVaultFile;
    const legacy = await writeLegacyVaultFile(path, TEST_MASTER_KEY);
    const lines: string[] = [];

    await files.restartedFiles(createLogger('info', { write: (line: string) => lines.push(line) }));

    expect([existsSync(path), existsSync(`${path}.imported`)]).toEqual([false, true]);
    expect(await files.dataKeyOf(legacy.record.storageRef)).toEqual(legacy.record);
    expect(lines.filter((line) => line.includes('key vault file imported'))).toHaveLength(1);
    const logged = lines.join('');
    for (const secret of [legacy.kek.key.toString('base64'), legacy.kek.key.toString('hex'), legacy.record.wrappedKey]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('when a vault file appears while the store vault already holds keys, then start-up is refused with KEY_VAULT_FAILED and the file is kept', async () => {
    const patient = await files.person('patient');
    await files.uploaded(patient, Buffer.from('%PDF-1.7 ferritin 12 ng/ml'));
    const path = files.gateway.config.files.legacyVaultFile;
    await writeLegacyVaultFile(path, TEST_MASTER_KEY);

    await expect(files.restartedFiles()).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });

    expect(existsSync(path)).toBe(true);
  });
});
