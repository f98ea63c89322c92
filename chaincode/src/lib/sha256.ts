import { createHash } from 'node:crypto';

/**
 * SHA-256 of UTF-8 text, as lowercase hex. Hashing is deterministic, so chaincode may use it (for
 * example to record the digest of a private value on public state); only randomness from the
 * crypto module is off limits, which the lint rule enforces.
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of the concatenation of byte strings and UTF-8 text, in order, as lowercase hex. */
export function sha256HexOfBytes(...parts: (Uint8Array | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  }
  return hash.digest('hex');
}
