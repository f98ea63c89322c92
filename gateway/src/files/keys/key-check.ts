import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'kcv1:';
const CONSTANT = 'medledger master key check v1';

/**
 * A key-check value: HMAC-SHA256 of a constant under the master key. It is not secret (it reveals
 * nothing about a 256-bit key) and lets start-up tell a wrong key or wrong shares from the right
 * key, instead of failing later with undecryptable KEKs.
 */
export function keyCheckValue(masterKey: Buffer): string {
  return PREFIX + createHmac('sha256', masterKey).update(CONSTANT).digest('base64url');
}

export function matchesKeyCheck(masterKey: Buffer, keyCheck: string): boolean {
  const expected = Buffer.from(keyCheckValue(masterKey));
  const given = Buffer.from(keyCheck.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function isKeyCheckValue(text: string): boolean {
  return /^kcv1:[A-Za-z0-9_-]{43}$/.test(text.trim());
}
