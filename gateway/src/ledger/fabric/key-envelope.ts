import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const NONCE_BYTES = 12; // the GCM standard nonce size; random per seal, so one key may seal ~2^32 values safely
const TAG_BYTES = 16;

/**
 * Authenticated encryption of secrets at rest (AES-256-GCM under one 32-byte master key), as a
 * printable string `v1.<nonce>.<ciphertext>.<tag>` (base64url parts).
 *
 * The associated data names what the secret belongs to (for identity keys: principal ID and MSP
 * ID). It is not stored in the envelope, so a ciphertext copied onto another principal's row
 * fails to open instead of letting one principal sign as another.
 */
export class KeyEnvelope {
  readonly #key: Buffer;

  constructor(masterKey: Uint8Array) {
    if (masterKey.length !== KEY_BYTES) {
      throw new Error(`the master key must be ${KEY_BYTES} bytes, got ${masterKey.length}`);
    }
    this.#key = Buffer.from(masterKey);
  }

  seal(plaintext: Uint8Array | string, associatedData: readonly string[]): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aadBytes(associatedData));
    const ciphertext = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return [VERSION, nonce, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws when the envelope is malformed, was sealed under another key, or for other associated data. */
  open(envelope: string, associatedData: readonly string[]): Buffer {
    const parts = envelope.split('.');
    const [version, nonce, ciphertext, tag] = parts.map((part, index) => (index === 0 ? part : Buffer.from(part, 'base64url')));
    if (parts.length !== 4 || version !== VERSION || !isBytes(nonce, NONCE_BYTES) || !isBytes(tag, TAG_BYTES) || !Buffer.isBuffer(ciphertext)) {
      throw new Error('not a v1 key envelope');
    }
    const decipher = createDecipheriv(ALGORITHM, this.#key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadBytes(associatedData));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      // never say which: wrong key, other owner and tampering look the same to an attacker
      throw new Error('the key envelope cannot be opened with this master key for this owner');
    }
  }
}

/** What an identity's private key is bound to. */
export function identityKeyContext(principalId: string, mspId: string): string[] {
  return ['medledger.identity-key', principalId, mspId];
}

/** The version is bound too, so a future v2 envelope cannot be replayed as v1. JSON keeps the parts unambiguous. */
function aadBytes(associatedData: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify([VERSION, ...associatedData]), 'utf8');
}

function isBytes(value: unknown, length: number): value is Buffer {
  return Buffer.isBuffer(value) && value.length === length;
}
