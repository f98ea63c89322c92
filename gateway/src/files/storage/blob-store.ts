import type { Readable } from 'node:stream';
import { FileError } from '../errors';

export interface StoredBlob {
  /** Content address: 'sha256:' + lowercase hex SHA-256 of the stored bytes. */
  storageRef: string;
  sha256: string;
  size: number;
}

/**
 * Where encrypted blobs live. Blobs are content-addressed by the SHA-256 of their (ciphertext)
 * bytes, and a put becomes visible only complete: a failed or aborted upload leaves nothing at
 * any content address.
 */
export interface BlobStore {
  put(source: Readable): Promise<StoredBlob>;
  /** Rejects with BLOB_NOT_FOUND when no blob has this reference. */
  get(storageRef: string): Promise<Readable>;
  /** Idempotent: deleting a missing blob succeeds. */
  delete(storageRef: string): Promise<void>;
  exists(storageRef: string): Promise<boolean>;
}

const STORAGE_REF_PATTERN = /^sha256:([0-9a-f]{64})$/;

export function storageRefOf(sha256: string): string {
  return `sha256:${sha256}`;
}

/** The hex digest inside a storage reference; anything else is refused (no paths, no traversal). */
export function digestOf(storageRef: string): string {
  const digest = STORAGE_REF_PATTERN.exec(storageRef)?.[1];
  if (digest === undefined) {
    throw new FileError('FILE_INVALID_INPUT', 'a storage reference is sha256:<64 lowercase hex characters>');
  }
  return digest;
}
