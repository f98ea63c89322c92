import { CodedError } from '../platform/coded-error';

/**
 * The file core's error codes: one stable code per failure and what it means. The errors carry
 * the code only; the gateway's error catalog (api/errors/catalog.ts) gives each its HTTP status.
 * Messages never contain key material, plaintext or personal data.
 */
export const FILE_ERROR_CATALOG = {
  FILE_INVALID_INPUT: { meaning: 'A file ID, patient ID, media type or option is malformed.' },
  FILE_INTEGRITY_FAILED: { meaning: 'Stored ciphertext failed authentication or does not match the hashes recorded on chain.' },
  FILE_KEY_UNAVAILABLE: { meaning: 'The data key of this file cannot be unwrapped: the file or its patient was erased (crypto-shredded).' },
  BLOB_NOT_FOUND: { meaning: 'No stored blob has this storage reference.' },
  STORAGE_FAILED: { meaning: 'The blob store could not complete the operation.' },
  KEY_VAULT_FAILED: { meaning: 'The key vault is unreadable or corrupt, sealed with another master key, or a vault file to import conflicts with the store.' },
  UNSEAL_FAILED: { meaning: 'The master key could not be unsealed from the supplied key file or shares.' },
} as const satisfies Record<string, { meaning: string }>;

export type FileErrorCode = keyof typeof FILE_ERROR_CATALOG;

/** Why ciphertext was refused; for logs and tests, never shown to clients beyond the code. */
export type IntegrityFailure =
  | 'bad-header'
  | 'truncated'
  | 'chunk-authentication'
  | 'too-many-chunks'
  | 'key-reference-mismatch'
  | 'size-mismatch'
  | 'plaintext-hash-mismatch'
  | 'ciphertext-hash-mismatch';

export class FileError extends CodedError<FileErrorCode> {}

export class FileIntegrityError extends FileError {
  readonly reason: IntegrityFailure;

  constructor(reason: IntegrityFailure, message: string, options?: { cause?: unknown }) {
    super('FILE_INTEGRITY_FAILED', `${reason}: ${message}`, options);
    this.reason = reason;
  }
}
