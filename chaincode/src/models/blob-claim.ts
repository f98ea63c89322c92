/**
 * Which medical file an off-chain blob belongs to. The first version or amendment that names a
 * storage reference or a ciphertext SHA-256 claims it for its file; every later version or
 * amendment naming it must be of that same file. The gateway binds each blob's data key and every
 * chunk to one (fileId, patientId), so a blob recorded for another file could never be decrypted
 * there, and a blob of another patient must never be adopted into this patient's record.
 *
 * Only the storage reference and the ciphertext hash are claimed. Each upload's ciphertext is
 * unique (fresh data key and nonces), so a clash means a copied reference, never a coincidence.
 * The plaintext SHA-256 is not: two patients may hold byte-identical documents, and refusing one
 * would tell them the other exists.
 */
export interface BlobClaim {
  fileId: string;
  patientId: string;
}

/** What names the blob: the key's first part. */
export type BlobClaimKind = 'storageRef' | 'ciphertextSha256';

/** [kind, value] -> BlobClaim. The storageRef claims go with the file's erasure (the tombstone drops the reference). */
export const BLOB_CLAIM_TYPE = 'blobClaim';
