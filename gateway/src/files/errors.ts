/**
 * The file core's error catalog: one stable code per failure, each with the HTTP status the REST
 * layer should answer with. Messages never contain key material, plaintext or personal data.
 */
export const FILE_ERROR_CATALOG = {
  FILE_INVALID_INPUT: { httpStatus: 422, meaning: 'A file ID, patient ID, media type or option is malformed.' },
  FILE_INTEGRITY_FAILED: {
    httpStatus: 502,
    meaning: 'Stored ciphertext failed authentication or does not match the hashes recorded on chain.',
  },
  FILE_KEY_UNAVAILABLE: {
    httpStatus: 410,
    meaning: 'The data key of this file cannot be unwrapped: the file or its patient was erased (crypto-shredded).',
  },
  BLOB_NOT_FOUND: { httpStatus: 404, meaning: 'No stored blob has this storage reference.' },
  STORAGE_FAILED: { httpStatus: 503, meaning: 'The blob store could not complete the operation.' },
  KEY_VAULT_FAILED: { httpStatus: 500, meaning: 'The key vault file is unreadable, corrupt or sealed with another master key.' },
  UNSEAL_FAILED: { httpStatus: 500, meaning: 'The master key could not be unsealed from the supplied key file or shares.' },
} as const;

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

export class FileError extends Error {
  readonly code: FileErrorCode;
  readonly httpStatus: number;

  constructor(code: FileErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'FileError';
    this.code = code;
    this.httpStatus = FILE_ERROR_CATALOG[code].httpStatus;
  }
}

export class FileIntegrityError extends FileError {
  readonly reason: IntegrityFailure;

  constructor(reason: IntegrityFailure, message: string, options?: { cause?: unknown }) {
    super('FILE_INTEGRITY_FAILED', `${reason}: ${message}`, options);
    this.name = 'FileIntegrityError';
    this.reason = reason;
  }
}
