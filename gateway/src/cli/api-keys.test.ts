import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import { parseApiKeyArguments } from './api-key-arguments';
import { runApiKeyCommand } from './api-key-commands';
import { apiKeyCli } from './api-keys';

describe('apikey CLI', () => {
  let gateway: TestGateway;
  let output: string;
  const write = (text: string) => {
    output += text;
  };
  const run = (...argv: string[]) => {
    const parsed = parseApiKeyArguments(argv);
    if (parsed.kind !== 'command') throw new Error(`not a command: ${argv.join(' ')}`);
    return runApiKeyCommand(parsed.command, gateway.services, write);
  };

  beforeEach(() => {
    gateway = createTestGateway();
    output = '';
  });

  afterEach(() => gateway.close());

  it('when an operator creates a key, then the organisation is onboarded and the key is printed once and verifies', async () => {
    const code = await run('create', '--org', 'Acme Pharmacy', '--role', 'pharmacy', '--scopes', 'read,write', '--days', '90');

    expect(code).toBe(0);
    const apiKey = /^(mlk_\S+)$/m.exec(output)?.[1] ?? '';
    const check = await gateway.services.apiKeys.verify(apiKey);
    expect(check).toMatchObject({ ok: true, principal: { displayName: 'Acme Pharmacy', role: 'pharmacy' }, record: { scopes: ['read', 'write'] } });
  });

  it('when an operator lists keys, then key IDs show and secrets do not', async () => {
    await run('create', '--org', 'Ins Co', '--role', 'insurer', '--scopes', 'read');
    const apiKey = /^(mlk_\S+)$/m.exec(output)?.[1] ?? '';
    output = '';

    await run('list');

    expect(output).toContain(apiKey.slice(4, 20));
    expect(output).not.toContain(apiKey.slice(21));
  });

  it('when an operator rotates and then revokes, then the new key works and the revoked one does not', async () => {
    await run('create', '--org', 'Rot Pharmacy', '--role', 'pharmacy', '--scopes', 'read');
    const keyId = /Key ID: (\S+),/.exec(output)?.[1] ?? '';
    output = '';

    expect(await run('rotate', keyId)).toBe(0);
    const newKey = /^(mlk_\S+)$/m.exec(output)?.[1] ?? '';
    expect(await run('revoke', keyId)).toBe(0);

    expect((await gateway.services.apiKeys.verify(newKey)).ok).toBe(true);
    expect((await gateway.services.store.apiKeys.get(keyId))?.revokedAt).toBeDefined();
  });

  it('when the arguments are invalid, then the command fails with the validation message and no key is made', async () => {
    await expect(run('create', '--org', 'Bad', '--role', 'patient', '--scopes', 'read')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await gateway.services.apiKeys.list()).toEqual([]);
  });

});

describe('apikey CLI arguments, answered before the gateway opens', () => {
  let dataDir: string;
  let stdout: string;
  let stderr: string;
  /** The CLI with a data directory that nothing has created: help and wrong usage must leave it so. */
  const cli = (...argv: string[]) =>
    apiKeyCli(
      argv,
      { MEDLEDGER_DATA_DIR: dataDir },
      (text) => (stdout += text),
      (text) => (stderr += text),
    );

  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'medledger-apikey-')), 'never-opened');
    stdout = '';
    stderr = '';
  });
  afterEach(() => {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it.each([[['--help']], [['-h']], [['help']], [['create', '--help']]])('when asked for help (%j), then usage with commands, examples and environment goes to stdout, exit code 0', async (argv) => {
    expect(await cli(...argv)).toBe(0);
    for (const part of ['create --org', 'list', 'rotate <keyId>', 'revoke <keyId>', 'Examples:', 'MEDLEDGER_DATA_DIR', '--role    hospital, pharmacy, insurer', '--scopes  comma-separated: read, write']) {
      expect(stdout).toContain(part);
    }
    expect(stderr).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each([
    [[], 'no command given'],
    [['delete'], 'unknown command "delete"'],
    [['rotate'], 'rotate takes one key ID'],
    [['revoke', 'a', 'b'], 'revoke takes one key ID'],
    [['list', 'all'], 'list takes no operand (got "all")'],
    [['create', '--colour', 'red'], "Unknown option '--colour'"],
    [['create', '--org'], "Option '--org <value>' argument missing"],
  ])('when the usage is wrong (%j), then stderr says what and shows usage, exit code 2, and nothing is opened', async (argv, message) => {
    expect(await cli(...argv)).toBe(2);
    expect(stderr).toContain(`apikey: ${message}`);
    expect(stderr).toContain('npm run apikey -- <command> [options]');
    expect(stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('when a command is valid, then it runs against the gateway state of the environment', async () => {
    expect(await cli('list')).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(existsSync(join(dataDir, 'gateway.sqlite'))).toBe(true);
  });
});
