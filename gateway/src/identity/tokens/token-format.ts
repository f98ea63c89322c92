import { randomBytes } from 'node:crypto';
import { crc32 } from '../../platform/crc32';
import { base62 } from '../../platform/encoding';

export const TOKEN_PREFIX = 'mlpat_';
const SECRET_BYTES = 32;
const SECRET_CHARS = 43; // base62 width of 32 bytes
const CHECKSUM_CHARS = 6; // base62 width of a CRC-32
const FORMAT = new RegExp(`^${TOKEN_PREFIX}([0-9A-Za-z]{${SECRET_CHARS}})([0-9A-Za-z]{${CHECKSUM_CHARS}})$`);

/**
 * Personal access tokens look like `mlpat_<43 base62 random><6 base62 CRC-32>`. The prefix lets
 * secret scanners find leaked tokens; the checksum rejects typos before any database lookup.
 */
export function newToken(): string {
  const secret = base62(randomBytes(SECRET_BYTES), SECRET_CHARS);
  return `${TOKEN_PREFIX}${secret}${checksumOf(secret)}`;
}

export function isWellFormedToken(token: string): boolean {
  const match = FORMAT.exec(token);
  return match?.[1] !== undefined && match[2] === checksumOf(match[1]);
}

/** What a token list shows so its owner can recognise it: the prefix and the first four secret characters. */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 4);
}

function checksumOf(secret: string): string {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(secret));
  return base62(crc, CHECKSUM_CHARS);
}
