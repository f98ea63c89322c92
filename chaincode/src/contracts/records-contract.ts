import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { Amendment, AmendmentApproval, AmendmentWithDetails, FileAccess, FileMetadataView, MedicalFile, MedicalFileHead, Page, PatientErasure } from '../contract';
import { accessFile, addVersion, createFile, getFileMetadata, getVersionHistory, listFiles, setConfidentiality } from './records/files';
import { accessAmendment, approveAmendment, listAmendments, proposeAmendment, rejectAmendment } from './records/amendments';
import { erasePatientData, erasePrivateData, getErasureReceipt, recordErasure } from './records/erasure';

/**
 * Medical file metadata. Content is stored encrypted off chain; the ledger records each version's
 * hashes, storage reference, uploader and time, and the file name/description privately. A blob
 * belongs to the one file that first recorded it (lib/medical-files.ts claimBlob): no version or
 * amendment of another file, of this patient or another, can name it. Every
 * write and read goes through the access decision; every submitted write (createFile, addVersion,
 * amendments) and every download is logged in the patient's access log, whoever the actor is.
 * The patient's own actions are logged too, as accessFile, accessAmendment and Consent:checkAccess
 * always have: one rule for the whole log, and a delegate's edits (which do disclose to another
 * person) are told apart from the patient's own only by the entry's basis.
 */
@Info({ title: 'Records', description: 'Versioned medical file metadata, patient amendments and logged downloads' })
export class RecordsContract extends Contract {
  constructor() {
    super('Records');
  }

  /**
   * Registers a new file (version 1). The caller is the patient, their delegate, or a verified
   * doctor/hospital holding 'edit' consent for the category. Transient 'file': {fileName, description?}.
   * `confidentiality` is the file's label, N, R or V (contract/confidentiality.ts).
   */
  @Transaction()
  @Returns('FileMetadataView')
  async createFile(
    ctx: Context,
    fileId: string,
    patientId: string,
    category: string,
    contentSha256: string,
    ciphertextSha256: string,
    sizeBytes: number,
    mediaType: string,
    storageRef: string,
    clientEncrypted: boolean,
    confidentiality: string,
  ): Promise<FileMetadataView> {
    return createFile(ctx, { fileId, patientId, category, confidentiality }, { contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, clientEncrypted });
  }

  /**
   * Adds a version linked to the previous one; earlier versions are never overwritten and the
   * latest pointer moves. A professional needs 'edit' consent. The patient side may version only
   * files it authored that are not clinical notes; other corrections are amendments.
   */
  @Transaction()
  @Returns('FileMetadataView')
  async addVersion(
    ctx: Context,
    fileId: string,
    contentSha256: string,
    ciphertextSha256: string,
    sizeBytes: number,
    mediaType: string,
    storageRef: string,
    clientEncrypted: boolean,
  ): Promise<FileMetadataView> {
    return addVersion(ctx, fileId, { contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, clientEncrypted });
  }

  /**
   * The patient (or delegate) proposes a corrected version of a file. Transient 'amendment':
   * {reason, fileName?, description?}. Nothing changes in the file until a doctor approves. The
   * corrected content is uploaded for this file like a version (the gateway's upload path binds it
   * to this file and patient): its storage reference and ciphertext hash must not be recorded for
   * any other file (INVALID_ARGUMENT).
   */
  @Transaction()
  @Returns('Amendment')
  async proposeAmendment(
    ctx: Context,
    fileId: string,
    contentSha256: string,
    ciphertextSha256: string,
    sizeBytes: number,
    mediaType: string,
    storageRef: string,
  ): Promise<Amendment> {
    return proposeAmendment(ctx, fileId, { contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef });
  }

  /**
   * A verified doctor with 'edit' consent approves a pending amendment, confirming the content
   * they reviewed by its SHA-256; the amendment becomes the file's next version.
   */
  @Transaction()
  @Returns('AmendmentApproval')
  async approveAmendment(ctx: Context, amendmentId: string, contentSha256: string): Promise<AmendmentApproval> {
    return approveAmendment(ctx, amendmentId, contentSha256);
  }

  /**
   * Closes a pending amendment without a new version: a doctor with 'edit' consent rejects it
   * ('rejected'); the patient or delegate who may propose withdraws it ('withdrawn').
   */
  @Transaction()
  @Returns('Amendment')
  async rejectAmendment(ctx: Context, amendmentId: string): Promise<Amendment> {
    return rejectAmendment(ctx, amendmentId);
  }

  /**
   * Reads a pending or decided amendment with its private reason, for the patient side or a
   * reviewing doctor with 'edit' consent. Submitted, because it reads private data: it is logged.
   */
  @Transaction()
  @Returns('AmendmentWithDetails')
  async accessAmendment(ctx: Context, amendmentId: string): Promise<AmendmentWithDetails> {
    return accessAmendment(ctx, amendmentId);
  }

  /**
   * The download path: decides 'view' access, writes an access-log entry and returns the version's
   * metadata with its private details. `version` 0 means the latest version.
   */
  @Transaction()
  @Returns('FileAccess')
  async accessFile(ctx: Context, fileId: string, version: number): Promise<FileAccess> {
    return accessFile(ctx, fileId, version);
  }

  /**
   * The patient (only the patient themself) relabels a file N, R or V. A category grant reaches
   * N files only; R and V need a grant naming the file, and break-glass a second reason for V.
   */
  @Transaction()
  @Returns('FileMetadataView')
  async setConfidentiality(ctx: Context, fileId: string, confidentiality: string): Promise<FileMetadataView> {
    return setConfidentiality(ctx, fileId, confidentiality);
  }

  /** The file's head and latest version, without private details, for whoever may view it. */
  @Transaction(false)
  @Returns('FileMetadataView')
  async getFileMetadata(ctx: Context, fileId: string): Promise<FileMetadataView> {
    return getFileMetadata(ctx, fileId);
  }

  /**
   * A page of a patient's files (metadata only) in upload order. The caller must be able to view
   * at least one category of the patient's data; the patient and delegates see every file, a
   * grantee only the files its grants cover (others are left out of the page, so a page may hold
   * fewer than pageSize items while the bookmark still advances).
   */
  @Transaction(false)
  @Returns('FileMetadataPage')
  async listFiles(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<FileMetadataView>> {
    return listFiles(ctx, patientId, pageSize, bookmark);
  }

  /** A page of a file's versions, oldest first, without private details. */
  @Transaction(false)
  @Returns('MedicalFilePage')
  async getVersionHistory(ctx: Context, fileId: string, pageSize: number, bookmark: string): Promise<Page<MedicalFile>> {
    return getVersionHistory(ctx, fileId, pageSize, bookmark);
  }

  /** A page of a file's amendments (public part), for the patient side or a doctor with 'edit' consent. */
  @Transaction(false)
  @Returns('AmendmentPage')
  async listAmendments(ctx: Context, fileId: string, pageSize: number, bookmark: string): Promise<Page<Amendment>> {
    return listAmendments(ctx, fileId, pageSize, bookmark);
  }

  /**
   * The patient erases a file: every version's and amendment's private details are purged from
   * the collection (no history kept), and the public records become tombstones without the
   * plaintext hash, storage reference, media type or size. Shredding the off-chain content key is
   * the gateway's part.
   */
  @Transaction()
  @Returns('MedicalFileHead')
  async erasePrivateData(ctx: Context, fileId: string): Promise<MedicalFileHead> {
    return erasePrivateData(ctx, fileId);
  }

  /**
   * The patient erases their data in bounded batches: up to maxKeys (1..ERASURE_BATCH_MAX) of
   * their private items, in every contract, found through the per-patient private-key index, are
   * purged with their history; file versions, file heads and amendments become tombstones. The
   * receipt (no content) gains this call's keys, counts and transaction ID; status 'complete'
   * once nothing is left. Repeat until complete: an interrupted erasure resumes, and a call after
   * completion changes nothing and returns the receipt. Only the patient themself.
   */
  @Transaction()
  @Returns('PatientErasure')
  async erasePatientData(ctx: Context, patientId: string, maxKeys: number): Promise<PatientErasure> {
    return erasePatientData(ctx, patientId, maxKeys);
  }

  /**
   * The gateway reports what it shredded off chain for the patient (their key-encryption key,
   * data keys, blobs) into the erasure receipt. Counts add up; a report of nothing after an
   * earlier report changes nothing. Only the patient themself.
   */
  @Transaction()
  @Returns('PatientErasure')
  async recordErasure(
    ctx: Context,
    patientId: string,
    keyEncryptionKeyDestroyed: boolean,
    dataKeysDestroyed: number,
    blobsDeleted: number,
    blobDeleteFailures: number,
  ): Promise<PatientErasure> {
    return recordErasure(ctx, patientId, { keyEncryptionKeyDestroyed, dataKeysDestroyed, blobsDeleted, blobDeleteFailures });
  }

  /** The patient's erasure receipt (public, no content); NOT_FOUND before any erasure. Only the patient themself. */
  @Transaction(false)
  @Returns('PatientErasure')
  async getErasureReceipt(ctx: Context, patientId: string): Promise<PatientErasure> {
    return getErasureReceipt(ctx, patientId);
  }
}
