import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../platform/logging/logger';
import { deriveKey } from '../../platform/secrets/derived-keys';
import { LogCapture } from '../../test-support/log-capture';
import { keyCheckValue } from './key-check';
import { loadMasterKey } from './master-key';
import { useTemporaryDirectory } from '../../test-support/temporary-directory';

describe('master key', () => {
  const dir = useTemporaryDirectory('medledger-master-');

  it('when development has no key, then one is generated into the data directory (0600), a warning is logged, and the next start reuses it', async () => {
    const logs = new LogCapture();
    const path = join(dir.path, '.data', 'master.key');

    const first = await loadMasterKey({ kind: 'generated', path }, createLogger('info', logs));
    const second = await loadMasterKey({ kind: 'generated', path }, createLogger('info', new LogCapture()));

    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(logs.entries()).toEqual([expect.objectContaining({ level: 40, path })]);
    expect(logs.text()).not.toContain(first.toString('base64'));
  });

  it('when a key file is configured, then it is unsealed through the file engine and checked against its key-check value', async () => {
    const key = Buffer.alloc(32, 9);
    const path = join(dir.path, 'master.key');
    writeFileSync(path, `${key.toString('base64')}\n`);

    const loaded = await loadMasterKey({ kind: 'unseal', source: { kind: 'key-file', path, keyCheck: keyCheckValue(key) } }, createLogger('silent'));

    expect(loaded.equals(key)).toBe(true);
    await expect(loadMasterKey({ kind: 'unseal', source: { kind: 'key-file', path, keyCheck: keyCheckValue(Buffer.alloc(32, 1)) } }, createLogger('silent'))).rejects.toThrow(/key-check/);
  });

  it('when an inline key does not match its key-check value, then start-up fails', async () => {
    await expect(loadMasterKey({ kind: 'inline', base64: Buffer.alloc(32, 5).toString('base64'), keyCheck: keyCheckValue(Buffer.alloc(32, 6)) }, createLogger('silent'))).rejects.toThrow(/KEY_CHECK/);
  });

  it('when keys are derived for different purposes, then they differ from each other and from the master key', () => {
    const master = Buffer.alloc(32, 4);

    const derived = (['api-key-pepper', 'api-key-checksum', 'fabric-private-keys', 'embedded-ledger-snapshot'] as const).map((purpose) => deriveKey(master, purpose).toString('hex'));

    expect(new Set([...derived, master.toString('hex')]).size).toBe(5);
  });
});
