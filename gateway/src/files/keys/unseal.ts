import { readFile } from 'node:fs/promises';
import { FileError } from '../errors';
import { isKeyCheckValue, matchesKeyCheck } from './key-check';
import { combineMasterKeyShares } from './shamir-shares';

/**
 * Where the master key comes from at start-up, like Vault's unseal: a plain key file (32 bytes,
 * base64), or k of n Shamir shares given inline (environment) and/or as files. Both are checked
 * against the key-check value when one is configured; for shares it is required.
 */
export type UnsealSource =
  | { kind: 'key-file'; path: string; keyCheck?: string }
  | { kind: 'shamir'; shares?: readonly string[]; shareFiles?: readonly string[]; keyCheck: string };

export async function unsealMasterKey(source: UnsealSource): Promise<Buffer> {
  if (source.keyCheck !== undefined && !isKeyCheckValue(source.keyCheck)) {
    throw new FileError('UNSEAL_FAILED', 'the key-check value must look like kcv1:<43 base64url characters>');
  }
  if (source.kind === 'key-file') {
    const key = decodeKey(await readText(source.path, 'master key file'), source.path);
    if (source.keyCheck !== undefined && !matchesKeyCheck(key, source.keyCheck)) {
      key.fill(0);
      throw new FileError('UNSEAL_FAILED', `the key in ${source.path} does not match the key-check value`);
    }
    return key;
  }
  const fromFiles = await Promise.all((source.shareFiles ?? []).map((path) => readText(path, 'share file')));
  const shares = [...(source.shares ?? []), ...fromFiles.flatMap(splitList)];
  return combineMasterKeyShares(shares, source.keyCheck);
}

/**
 * Reads the unseal source from MEDLEDGER_UNSEAL_SHARES (shares separated by spaces, commas or
 * newlines), MEDLEDGER_UNSEAL_SHARE_FILES (comma-separated paths), MEDLEDGER_MASTER_KEY_FILE and
 * MEDLEDGER_MASTER_KEY_CHECK. Undefined when neither shares nor a key file are configured.
 */
export function unsealSourceFromEnv(env: NodeJS.ProcessEnv): UnsealSource | undefined {
  const shares = splitList(env.MEDLEDGER_UNSEAL_SHARES ?? '');
  const shareFiles = (env.MEDLEDGER_UNSEAL_SHARE_FILES ?? '').split(',').map((path) => path.trim()).filter((path) => path !== '');
  const keyCheck = env.MEDLEDGER_MASTER_KEY_CHECK?.trim() || undefined;
  if (shares.length > 0 || shareFiles.length > 0) {
    return shamirSource(shares, shareFiles, keyCheck);
  }
  return keyFileSource(env.MEDLEDGER_MASTER_KEY_FILE?.trim(), keyCheck);
}

function shamirSource(shares: string[], shareFiles: string[], keyCheck: string | undefined): UnsealSource {
  if (keyCheck === undefined) {
    throw new FileError('UNSEAL_FAILED', 'unsealing from shares needs MEDLEDGER_MASTER_KEY_CHECK (printed by the split command)');
  }
  return { kind: 'shamir', shares, shareFiles, keyCheck };
}

function keyFileSource(path: string | undefined, keyCheck: string | undefined): UnsealSource | undefined {
  if (path === undefined || path === '') {
    return undefined;
  }
  return keyCheck === undefined ? { kind: 'key-file', path } : { kind: 'key-file', path, keyCheck };
}

function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((item) => item !== '');
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError('UNSEAL_FAILED', `cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function decodeKey(text: string, path: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) {
    throw new FileError('UNSEAL_FAILED', `the master key file ${path} must hold 32 bytes, base64-encoded`);
  }
  return key;
}
