import type { DataCategory } from '../lib/categories';

/**
 * A medical file's ledger record. The content itself lives encrypted off chain (storageRef); the
 * ledger keeps what proves integrity (hashes, size, media type), who uploaded which version and
 * when, and the file's status. The file name and description are personal health data and live in
 * the private collection (FileDetails), never here.
 */
export type FileStatus = 'active' | 'erased';

/** What one version's content is and where its ciphertext is stored. */
export interface FileContent {
  /** SHA-256 of the plaintext, checked by the downloader after decryption. */
  contentSha256: string;
  /** SHA-256 of the stored ciphertext, checked by the storage service. */
  ciphertextSha256: string;
  sizeBytes: number;
  mediaType: string;
  /** Opaque storage reference allocated by the gateway (no names, no personal data). */
  storageRef: string;
  /** True when the client encrypted the content before upload (end-to-end). */
  clientEncrypted: boolean;
}

interface FileVersionBase {
  fileId: string;
  version: number;
  patientId: string;
  category: DataCategory;
  /** Who supplied the content: the patient, their delegate or a professional; for an amendment, its proposer. */
  uploaderId: string;
  previousVersion?: number;
  /** Set when this version came from an approved patient amendment. */
  amendmentId?: string;
  approvedBy?: string;
  createdAt: string;
}

/** One immutable version; a new version never overwrites an earlier one. */
export interface ActiveFileVersion extends FileVersionBase, FileContent {
  status: 'active';
}

/**
 * A version after the patient erased the file: the plaintext hash, storage reference, media type
 * and size are gone; the ciphertext hash stays so an auditor can confirm which (now undecryptable)
 * blob was shredded.
 */
export interface ErasedFileVersion extends FileVersionBase {
  status: 'erased';
  ciphertextSha256: string;
  erasedAt: string;
}

export type MedicalFile = ActiveFileVersion | ErasedFileVersion;

/** The file's head: its owner, category and the pointer to the latest version. */
export interface MedicalFileHead {
  fileId: string;
  patientId: string;
  category: DataCategory;
  latestVersion: number;
  status: FileStatus;
  /**
   * True while every version came from the patient or their delegate. Once a professional has
   * written a version (or for a clinical note), the patient changes it only by an amendment
   * that a doctor approves.
   */
  patientAuthored: boolean;
  createdAt: string;
  updatedAt: string;
  erasedAt?: string;
}

/** Private details of one version (HEALTH_COLLECTION), from transient field 'file'. */
export interface FileDetails {
  fileName: string;
  description?: string;
  /** For a version created by an approved amendment: the patient's reason. */
  amendmentReason?: string;
}

/** What getFileMetadata and listFiles return: no private details. */
export interface FileMetadataView {
  file: MedicalFileHead;
  latest: MedicalFile;
}

export const MEDICAL_FILE_TYPE = 'medicalFile';
export const MEDICAL_FILE_VERSION_TYPE = 'medicalFileVersion';
/** Private-collection key type of a version's FileDetails. */
export const MEDICAL_FILE_DETAILS_TYPE = 'medicalFileDetails';
/** [patientId, createdAt, fileId]: a patient's files in upload order. */
export const MEDICAL_FILE_BY_PATIENT_INDEX = 'medicalFile~patient~created';
