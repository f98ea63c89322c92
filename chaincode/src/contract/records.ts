import { z } from 'zod';
import { accessBasis, dataCategory } from './categories';
import { confidentiality } from './confidentiality';
import { instant, mediaType } from './formats';
import { fileId, objectId, sha256Hex, stakeholderId, storageRef, txId } from './identifiers';
import { AMENDMENT_REASON_MAX, FILE_DESCRIPTION_MAX, FILE_NAME_MAX, MAX_FILE_BYTES } from './limits';
import { count, ordinal, pageOf } from './pages';
import { fileStatus, liveAmendmentStatus } from './statuses';

/**
 * Medical files. The content lives encrypted off chain (storageRef); the ledger keeps what proves
 * integrity (hashes, size, media type), who uploaded which version and when, and the file's
 * status. File names, descriptions and amendment reasons are personal health data: they live in
 * the private collection and come back only from the logged reads.
 */

/** What one version's content is and where its ciphertext is stored. */
export const fileContent = z.object({
  /** SHA-256 of the plaintext, checked by the downloader after decryption. */
  contentSha256: sha256Hex,
  /** SHA-256 of the stored ciphertext, checked by the storage service. */
  ciphertextSha256: sha256Hex,
  /** 0 is valid: an empty file is still one authenticated chunk off chain. */
  sizeBytes: z.number().int().min(0).max(MAX_FILE_BYTES),
  mediaType,
  storageRef,
  /** True when the client encrypted the content before upload (end-to-end). */
  clientEncrypted: z.boolean(),
});
export type FileContent = z.infer<typeof fileContent>;

const fileVersionBase = z.object({
  fileId,
  version: ordinal,
  patientId: stakeholderId,
  category: dataCategory,
  /** Who supplied the content: the patient, their delegate or a professional; for an amendment, its proposer. */
  uploaderId: stakeholderId,
  previousVersion: ordinal.optional(),
  /** Set when this version came from an approved patient amendment. */
  amendmentId: objectId.optional(),
  approvedBy: stakeholderId.optional(),
  createdAt: instant,
});

/** One immutable version; a new version never overwrites an earlier one. */
export const activeFileVersion = fileVersionBase.extend({ ...fileContent.shape, status: z.literal('active') });
export type ActiveFileVersion = z.infer<typeof activeFileVersion>;

/**
 * A version after the patient erased the file: the plaintext hash, storage reference, media type
 * and size are gone; the ciphertext hash stays so an auditor can confirm which (now undecryptable)
 * blob was shredded.
 */
export const erasedFileVersion = fileVersionBase.extend({ status: z.literal('erased'), ciphertextSha256: sha256Hex, erasedAt: instant });
export type ErasedFileVersion = z.infer<typeof erasedFileVersion>;

export const medicalFile = z.discriminatedUnion('status', [activeFileVersion, erasedFileVersion]);
export type MedicalFile = z.infer<typeof medicalFile>;
export const medicalFilePage = pageOf(medicalFile);

/** The file's head: its owner, category and the pointer to the latest version. */
export const medicalFileHead = z.object({
  fileId,
  patientId: stakeholderId,
  category: dataCategory,
  latestVersion: ordinal,
  status: fileStatus,
  /** How sensitive the file is (contract/confidentiality.ts): set at upload, changed by the patient only. */
  confidentiality,
  /**
   * True while every version came from the patient or their delegate. Once a professional has
   * written a version (or for a clinical note), the patient changes it only by an amendment
   * that a doctor approves.
   */
  patientAuthored: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
  erasedAt: instant.optional(),
});
export type MedicalFileHead = z.infer<typeof medicalFileHead>;

/** Private details of one version. */
export const fileDetails = z.object({
  fileName: z.string().min(1).max(FILE_NAME_MAX),
  description: z.string().min(1).max(FILE_DESCRIPTION_MAX).optional(),
  /** For a version created by an approved amendment: the patient's reason. */
  amendmentReason: z.string().min(1).max(AMENDMENT_REASON_MAX).optional(),
});
export type FileDetails = z.infer<typeof fileDetails>;

/** What createFile, addVersion, getFileMetadata and listFiles return: no private details. */
export const fileMetadataView = z.object({ file: medicalFileHead, latest: medicalFile });
export type FileMetadataView = z.infer<typeof fileMetadataView>;
export const fileMetadataPage = pageOf(fileMetadataView);

/** Records:accessFile, the logged download path: the version, its private details (null when this peer lacks them) and why access was allowed. */
export const fileAccess = z.object({ file: medicalFile, details: fileDetails.nullable(), latestVersion: ordinal, basis: accessBasis, confidentiality });
export type FileAccess = z.infer<typeof fileAccess>;

const amendmentBase = z.object({
  id: objectId,
  fileId,
  patientId: stakeholderId,
  category: dataCategory,
  /** The file version the proposal corrects; approval needs the file still at this version. */
  baseVersion: ordinal,
  proposedBy: stakeholderId,
  proposedAt: instant,
  decidedBy: stakeholderId.optional(),
  decidedAt: instant.optional(),
  /** The file version an approval created. */
  resultingVersion: ordinal.optional(),
  updatedAt: instant,
});

/**
 * A patient's proposed correction of a file they did not author (or of a clinical note). It only
 * becomes a new file version when a doctor with edit consent approves it.
 */
export const liveAmendment = amendmentBase.extend({ ...fileContent.omit({ clientEncrypted: true }).shape, status: liveAmendmentStatus });
export type LiveAmendment = z.infer<typeof liveAmendment>;

/** After the patient erased the file: the content fields are gone, the outcome stays. */
export const erasedAmendment = amendmentBase.extend({ status: z.literal('erased'), statusBeforeErasure: liveAmendmentStatus, erasedAt: instant });
export type ErasedAmendment = z.infer<typeof erasedAmendment>;

export const amendment = z.discriminatedUnion('status', [liveAmendment, erasedAmendment]);
export type Amendment = z.infer<typeof amendment>;
export const amendmentPage = pageOf(amendment);

/** An amendment's private details. */
export const amendmentDetails = z.object({
  reason: z.string().min(1).max(AMENDMENT_REASON_MAX),
  fileName: z.string().min(1).max(FILE_NAME_MAX).optional(),
  description: z.string().min(1).max(FILE_DESCRIPTION_MAX).optional(),
});
export type AmendmentDetails = z.infer<typeof amendmentDetails>;

/** Records:accessAmendment: the amendment with its private details (null when this peer lacks them). */
export const amendmentWithDetails = z.object({ amendment, details: amendmentDetails.nullable() });
export type AmendmentWithDetails = z.infer<typeof amendmentWithDetails>;

/** Records:approveAmendment: the approved amendment and the file version it created. */
export const amendmentApproval = z.object({ amendment, file: medicalFileHead, latest: medicalFile });
export type AmendmentApproval = z.infer<typeof amendmentApproval>;

/** One object type's share of an erasure: the purged private keys' parts ("fileId/0000000002"), never content. */
export const erasurePurgedType = z.object({ objectType: z.string().min(1), count, ids: z.array(z.string().min(1)) });
export type ErasurePurgedType = z.infer<typeof erasurePurgedType>;

/** One Records:erasePatientData call that purged something: its transaction and how many keys. */
export const erasureBatch = z.object({ txId, at: instant, purged: count });
export type ErasureBatch = z.infer<typeof erasureBatch>;

/** What the gateway shredded off chain (crypto-shredding), as it reported through Records:recordErasure. */
export const erasureOffChain = z.object({
  keyEncryptionKeyDestroyed: z.boolean(),
  dataKeysDestroyed: count,
  blobsDeleted: count,
  /** Blobs whose deletion failed at the last report: already undecryptable, their keys are gone. */
  blobDeleteFailures: count,
  reportedAt: instant,
  txIds: z.array(txId),
});
export type ErasureOffChain = z.infer<typeof erasureOffChain>;

/**
 * The patient's erasure receipt, public and without personal data: the pseudonymous patient ID,
 * what was purged per object type (keys and counts), the transaction of each batch, and the
 * off-chain part. 'in-progress' until a Records:erasePatientData call finds no private key of the
 * patient left; 'complete' from then on (erasedAt).
 */
export const patientErasure = z.object({
  patientId: stakeholderId,
  status: z.enum(['in-progress', 'complete']),
  startedAt: instant,
  erasedAt: instant.optional(),
  /** Medical files whose head became an 'erased' tombstone. */
  filesErased: count,
  keysPurged: count,
  purged: z.array(erasurePurgedType),
  batches: z.array(erasureBatch),
  offChain: erasureOffChain.optional(),
});
export type PatientErasure = z.infer<typeof patientErasure>;
