import { timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from '../../platform/hashing';

/**
 * The stored form of an API key's secret: HMAC-SHA256 under a pepper derived from the master key,
 * so a copy of the database alone cannot even check guesses. Compared in constant time.
 */
export class ApiKeyHasher {
  constructor(private readonly pepper: Uint8Array) {}

  hash(secret: string): string {
    return hmacSha256(this.pepper, secret).toString('hex');
  }

  matches(secret: string, storedHash: string): boolean {
    const presented = hmacSha256(this.pepper, secret);
    const stored = Buffer.from(storedHash, 'hex');
    return stored.length === presented.length && timingSafeEqual(presented, stored);
  }
}
