import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { matchesKeyCheck } from './key-check';
import { unsealMasterKey, type UnsealSource } from './unseal';

const KEY_BYTES = 32;

/** Where the one master key comes from: inline (base64), a key file or Shamir shares (unseal.ts), or generated for development. */
export type MasterKeySource = { kind: 'inline'; base64: string; keyCheck?: string } | { kind: 'unseal'; source: UnsealSource } | { kind: 'generated'; path: string };

/**
 * Loads the 32-byte master key every other gateway secret is derived from (API key pepper and
 * checksum key, encryption of Fabric private keys, the file engine's key hierarchy). A key file or
 * Shamir shares go through the file engine's unseal (files/keys/unseal.ts); in development without
 * a configured key, one is generated once into the data directory (git-ignored) and reused.
 */
export async function loadMasterKey(source: MasterKeySource, logger: Logger): Promise<Buffer> {
  switch (source.kind) {
    case 'inline':
      return checked(decode(source.base64, 'MEDLEDGER_MASTER_KEY'), source.keyCheck);
    case 'unseal':
      return unsealMasterKey(source.source);
    case 'generated':
      return existsSync(source.path) ? decode(readFileSync(source.path, 'utf8').trim(), source.path) : generateKeyFile(source.path, logger);
  }
}

function decode(base64: string, origin: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new Error(`the master key in ${origin} must be ${KEY_BYTES} bytes, base64-encoded`);
  }
  return key;
}

function checked(key: Buffer, keyCheck: string | undefined): Buffer {
  if (keyCheck !== undefined && !matchesKeyCheck(key, keyCheck)) {
    throw new Error('MEDLEDGER_MASTER_KEY does not match MEDLEDGER_MASTER_KEY_CHECK');
  }
  return key;
}

function generateKeyFile(path: string, logger: Logger): Buffer {
  const key = randomBytes(KEY_BYTES);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  logger.warn({ path }, 'development: no master key configured, generated one; production requires MEDLEDGER_MASTER_KEY_FILE or unseal shares');
  return key;
}
