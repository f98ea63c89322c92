import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyCheckValue } from './key-check';
import { combineMasterKeyShares, splitMasterKey } from './shamir-shares';
import { runUnsealCli } from './unseal-cli';
import { unsealMasterKey, unsealSourceFromEnv } from './unseal';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'medledger-unseal-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function combinations<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) {
    return [[]];
  }
  return items.flatMap((item, index) => combinations(items.slice(index + 1), size - 1).map((rest) => [item, ...rest]));
}

describe('Shamir unsealing of the master key', () => {
  it('when any 3 of 5 shares are combined, then the master key comes back', async () => {
    const master = randomBytes(32);
    const { shares, keyCheck } = await splitMasterKey(master, 5, 3);
    for (const chosen of combinations(shares, 3)) {
      expect((await combineMasterKeyShares(chosen, keyCheck)).equals(master)).toBe(true);
    }
  });

  it('when k-1 shares are supplied, then unsealing is refused with how many are needed', async () => {
    const { shares, keyCheck } = await splitMasterKey(randomBytes(32), 5, 3);
    await expect(combineMasterKeyShares(shares.slice(0, 2), keyCheck)).rejects.toThrow('need 3 distinct shares of 5 to unseal the master key, got 2');
  });

  it('when one share is given three times, then it counts once and unsealing is refused', async () => {
    const { shares, keyCheck } = await splitMasterKey(randomBytes(32), 5, 3);
    const share = shares[0] as string;
    await expect(combineMasterKeyShares([share, share, share], keyCheck)).rejects.toThrow('got 1');
  });

  it('when a share is altered, then the key-check value refuses the combined key', async () => {
    const { shares, keyCheck } = await splitMasterKey(randomBytes(32), 5, 3);
    // The base64url body may itself contain '-', so split off the fixed-format prefix by pattern.
    const [, prefix, encoded] = /^(mlshare1-\d+of\d+-[0-9a-f]{8}-)(.+)$/.exec(shares[1] as string) as unknown as [string, string, string];
    const body = Buffer.from(encoded, 'base64url');
    body[0] = (body[0] as number) ^ 0x01;
    const wrong = `${prefix}${body.toString('base64url')}`;
    const combined = combineMasterKeyShares([shares[0] as string, wrong, shares[2] as string], keyCheck);
    await expect(combined).rejects.toMatchObject({ code: 'UNSEAL_FAILED' });
    await expect(combined).rejects.toThrow('does not match the key-check value');
  });

  it('when shares come from two different splits, then unsealing is refused', async () => {
    const master = randomBytes(32);
    const first = await splitMasterKey(master, 3, 2);
    const second = await splitMasterKey(master, 3, 2);
    await expect(combineMasterKeyShares([first.shares[0] as string, second.shares[1] as string], first.keyCheck)).rejects.toThrow('different splits');
  });

  it('when a share is malformed, then unsealing is refused naming its position', async () => {
    const { shares, keyCheck } = await splitMasterKey(randomBytes(32), 3, 2);
    await expect(combineMasterKeyShares([shares[0] as string, 'not-a-share'], keyCheck)).rejects.toThrow('share 2 is not');
  });

  it.each([
    [1, 1],
    [3, 4],
    [256, 2],
  ])('when splitting into %p shares with threshold %p, then it is refused', async (total, threshold) => {
    await expect(splitMasterKey(randomBytes(32), total, threshold)).rejects.toMatchObject({ code: 'UNSEAL_FAILED' });
  });

  it('when shares are given through files and the environment, then they are combined', async () => {
    const master = randomBytes(32);
    const { shares, keyCheck } = await splitMasterKey(master, 5, 3);
    await writeFile(join(directory, 'share-a'), `${shares[3]}\n`);
    await writeFile(join(directory, 'share-b'), `${shares[4]}\n`);
    const source = unsealSourceFromEnv({
      MEDLEDGER_UNSEAL_SHARES: shares[0],
      MEDLEDGER_UNSEAL_SHARE_FILES: `${join(directory, 'share-a')}, ${join(directory, 'share-b')}`,
      MEDLEDGER_MASTER_KEY_CHECK: keyCheck,
    });
    expect(source?.kind).toBe('shamir');
    expect((await unsealMasterKey(source as NonNullable<typeof source>)).equals(master)).toBe(true);
  });

  it('when shares are configured without a key-check value, then the configuration is refused', () => {
    expect(() => unsealSourceFromEnv({ MEDLEDGER_UNSEAL_SHARES: 'mlshare1-2of3-00000000-AA' })).toThrow('MEDLEDGER_MASTER_KEY_CHECK');
  });
});

describe('key-file unsealing', () => {
  it('when the key file holds 32 base64 bytes matching the key check, then it unseals', async () => {
    const master = randomBytes(32);
    const path = join(directory, 'master.key');
    await writeFile(path, `${master.toString('base64')}\n`);
    expect((await unsealMasterKey({ kind: 'key-file', path, keyCheck: keyCheckValue(master) })).equals(master)).toBe(true);
    expect((await unsealMasterKey({ kind: 'key-file', path })).equals(master)).toBe(true);
  });

  it('when the key file holds another key than the key check names, then it is refused', async () => {
    const path = join(directory, 'master.key');
    await writeFile(path, randomBytes(32).toString('base64'));
    await expect(unsealMasterKey({ kind: 'key-file', path, keyCheck: keyCheckValue(randomBytes(32)) })).rejects.toThrow('does not match the key-check value');
  });

  it.each([randomBytes(16).toString('base64'), 'not base64 at all!', ''])('when the key file holds %p, then it is refused', async (content) => {
    const path = join(directory, 'master.key');
    await writeFile(path, content);
    await expect(unsealMasterKey({ kind: 'key-file', path })).rejects.toMatchObject({ code: 'UNSEAL_FAILED' });
  });

  it('when the key file is missing, then unsealing is refused with a clear error', async () => {
    await expect(unsealMasterKey({ kind: 'key-file', path: join(directory, 'absent') })).rejects.toThrow('cannot read the master key file');
  });
});

describe('unseal CLI', () => {
  function io(env: NodeJS.ProcessEnv = {}): { out: string[]; err: string[]; io: Parameters<typeof runUnsealCli>[1] } {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (text) => out.push(text), err: (text) => err.push(text), env } };
  }

  it('when an operator splits a new key, then the printed shares and key check unseal it with check', async () => {
    const split = io();
    expect(await runUnsealCli(['split', '--shares', '4', '--threshold', '2'], split.io)).toBe(0);
    const text = split.out.join('');
    const shares = [...text.matchAll(/share \d: (\S+)/g)].map((match) => match[1] as string);
    const keyCheck = /(kcv1:\S+)/.exec(text)?.[1] as string;
    expect(shares).toHaveLength(4);
    const check = io({ MEDLEDGER_UNSEAL_SHARES: `${shares[1]},${shares[3]}`, MEDLEDGER_MASTER_KEY_CHECK: keyCheck });
    expect(await runUnsealCli(['check'], check.io)).toBe(0);
    expect(check.out.join('')).toContain(keyCheck);
  });

  it('when check gets too few shares, then it exits 1 with the reason', async () => {
    const { shares, keyCheck } = await splitMasterKey(randomBytes(32), 3, 3);
    const check = io({ MEDLEDGER_UNSEAL_SHARES: shares.slice(0, 2).join(' '), MEDLEDGER_MASTER_KEY_CHECK: keyCheck });
    expect(await runUnsealCli(['check'], check.io)).toBe(1);
    expect(check.err.join('')).toContain('need 3 distinct shares');
  });

  it('when a key file is created, then it is 0600, unseals, and is never overwritten', async () => {
    const path = join(directory, 'master.key');
    const created = io();
    expect(await runUnsealCli(['new-key-file', path], created.io)).toBe(0);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const keyCheck = /(kcv1:\S+)/.exec(created.out.join(''))?.[1] as string;
    await expect(unsealMasterKey({ kind: 'key-file', path, keyCheck })).resolves.toHaveLength(32);
    const before = await readFile(path, 'utf8');
    expect(await runUnsealCli(['new-key-file', path], io().io)).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('when the command is unknown, then usage is printed and the exit code is 2', async () => {
    const unknown = io();
    expect(await runUnsealCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toContain('usage');
  });
});
