import { randomBytes, timingSafeEqual } from 'node:crypto';
import { base32, base62 } from '../../platform/encoding';
import { hmacSha256 } from '../../platform/hashing';

export const API_KEY_PREFIX = 'mlk_';
const KEY_ID_BYTES = 10; // 16 base32 characters
const SECRET_BYTES = 32; // 256 bits from the CSPRNG
const SECRET_CHARS = 43;
const CHECKSUM_CHARS = 6;
const FORMAT = new RegExp(`^${API_KEY_PREFIX}([a-z2-7]{16})_([0-9A-Za-z]{${SECRET_CHARS}})([0-9A-Za-z]{${CHECKSUM_CHARS}})$`);

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

/**
 * API keys look like `mlk_<keyId>_<43 base62 secret><6 base62 checksum>`. The checksum is a
 * truncated HMAC under a key derived from the master key, so a mistyped or tampered key is refused
 * before any database lookup, and nobody without the master key can make one that passes.
 */
export class ApiKeyFormat {
  constructor(private readonly checksumKey: Uint8Array) {}

  create(): { apiKey: string; keyId: string; secret: string } {
    const keyId = base32(randomBytes(KEY_ID_BYTES));
    const secret = base62(randomBytes(SECRET_BYTES), SECRET_CHARS);
    return { apiKey: `${API_KEY_PREFIX}${keyId}_${secret}${this.checksumOf(keyId, secret)}`, keyId, secret };
  }

  /** The key ID and secret of a well-formed key with a valid checksum, else undefined. */
  parse(apiKey: string): ParsedApiKey | undefined {
    const match = FORMAT.exec(apiKey);
    const [, keyId, secret, checksum] = match ?? [];
    if (keyId === undefined || secret === undefined || checksum === undefined) {
      return undefined;
    }
    const expected = Buffer.from(this.checksumOf(keyId, secret));
    return timingSafeEqual(Buffer.from(checksum), expected) ? { keyId, secret } : undefined;
  }

  private checksumOf(keyId: string, secret: string): string {
    return base62(hmacSha256(this.checksumKey, `${API_KEY_PREFIX}${keyId}_${secret}`).subarray(0, 4), CHECKSUM_CHARS);
  }
}
