import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import { runApiKeyCommand } from './api-keys';

describe('apikey CLI', () => {
  let gateway: TestGateway;
  let output: string;
  const write = (text: string) => {
    output += text;
  };
  const run = (...argv: string[]) => runApiKeyCommand(argv, gateway.services, write);

  beforeEach(() => {
    gateway = createTestGateway();
    output = '';
  });

  afterEach(() => gateway.close());

  it('when an operator creates a key, then the organisation is onboarded and the key is printed once and verifies', async () => {
    const code = await run('create', '--org', 'Acme Pharmacy', '--role', 'pharmacy', '--scopes', 'read,write', '--days', '90');

    expect(code).toBe(0);
    const apiKey = /^(mlk_\S+)$/m.exec(output)?.[1] ?? '';
    const check = gateway.services.apiKeys.verify(apiKey);
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

    expect(gateway.services.apiKeys.verify(newKey).ok).toBe(true);
    expect(gateway.services.store.apiKeys.get(keyId)?.revokedAt).toBeDefined();
  });

  it('when the arguments are invalid, then the command fails with the validation message and no key is made', async () => {
    await expect(run('create', '--org', 'Bad', '--role', 'patient', '--scopes', 'read')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(gateway.services.apiKeys.list()).toEqual([]);
  });

  it('when no command is given, then usage is printed with exit code 2', async () => {
    expect(await run()).toBe(2);
    expect(output).toContain('npm run apikey -- create');
  });
});
