import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  DATA_CATEGORIES,
  FILE_ID_MAX_LENGTH,
  type ActiveFileVersion,
  type Amendment,
  type AmendmentApproval,
  type AmendmentDetails,
  type AmendmentWithDetails,
  type DataCategory,
  type FileAccess,
  type FileContent,
  type FileDetails,
  type FileMetadataView,
  type LiveAmendment,
  type MedicalFile,
  type MedicalFileHead,
  type Page,
  type PatientErasure,
  type Role,
} from '../contract';
import { decideAccess, type AccessQuery } from '../lib/access-decision';
import { recordAccess } from '../lib/access-log';
import { requireActor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { newObjectId } from '../lib/ids';
import { claimBlob, fileDetailsKey, fileHeadKey, fileVersionKey, releaseStorageRef, requireFileHead, requireFileVersion } from '../lib/medical-files';
import { pageOfKeys, pageOfObjects } from '../lib/paging';
import { HEALTH_COLLECTION } from '../lib/private-data';
import { requireAmendmentDetails, requireContent, requireFileDetails } from '../lib/records-input';
import {
  amendedDetails,
  amendmentDetailsKey,
  amendmentIdsOf,
  amendmentKey,
  appendVersion,
  authoriseUpload,
  erasedAmendment,
  erasedFileCount,
  fileVersionResource,
  isPatientSide,
  mayView,
  metadataView,
  requireActiveFile,
  requireApprovable,
  requirePendingAmendment,
  requiresAmendment,
  tombstoneOf,
  viewOnSomeCategory,
} from '../lib/records-store';
import { sortedCopy } from '../lib/serialization';
import { objectKey, readObject, readPrivate, requireObject, writeIndex, writeObject, writePrivate } from '../lib/state';
import { txTimeIso } from '../lib/time';
import { requireObjectId, requireOneOf, requirePositiveInteger, requireSha256, requireStakeholderId } from '../lib/validation';
import { AMENDMENT_BY_FILE_INDEX } from '../models/amendment';
import { MEDICAL_FILE_BY_PATIENT_INDEX, MEDICAL_FILE_VERSION_TYPE } from '../models/medical-file';
import { PATIENT_ERASURE_TYPE } from '../models/patient-erasure';

/** Roles that may write file versions: the patient side, and professionals under an edit grant. */
const UPLOADER_ROLES: readonly Role[] = ['patient', 'doctor', 'hospital'];
/** Roles that may read file metadata or content, each under the access decision. */
const READER_ROLES: readonly Role[] = ['patient', 'doctor', 'hospital', 'pharmacy', 'insurer'];

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
  ): Promise<FileMetadataView> {
    const actor = await requireActor(ctx, UPLOADER_ROLES);
    requireObjectId('fileId', fileId);
    if (fileId.length > FILE_ID_MAX_LENGTH) {
      throw new ChaincodeError('INVALID_ARGUMENT', `fileId must be at most ${FILE_ID_MAX_LENGTH} characters`);
    }
    requireStakeholderId('patientId', patientId);
    const fileCategory = requireOneOf<DataCategory>('category', category, DATA_CATEGORIES);
    const content = requireContent(contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, clientEncrypted);
    const details = requireFileDetails(ctx);

    const editQuery: AccessQuery = { patientId, action: 'edit', category: fileCategory, recordId: fileId };
    const decision = await authoriseUpload(ctx, actor, editQuery);
    if ((await readObject<MedicalFileHead>(ctx, fileHeadKey(ctx, fileId))) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `medical file ${fileId} already exists`);
    }
    await claimBlob(ctx, { fileId, patientId }, content);

    const now = txTimeIso(ctx);
    const head: MedicalFileHead = {
      fileId,
      patientId,
      category: fileCategory,
      latestVersion: 1,
      status: 'active',
      patientAuthored: isPatientSide(actor, decision),
      createdAt: now,
      updatedAt: now,
    };
    const version: ActiveFileVersion = {
      fileId,
      version: 1,
      patientId,
      category: fileCategory,
      ...content,
      uploaderId: actor.stakeholderId,
      createdAt: now,
      status: 'active',
    };
    await writeObject(ctx, fileHeadKey(ctx, fileId), head);
    await writeObject(ctx, fileVersionKey(ctx, fileId, 1), version);
    await writePrivate(ctx, HEALTH_COLLECTION, fileDetailsKey(ctx, fileId, 1), details);
    await writeIndex(ctx, MEDICAL_FILE_BY_PATIENT_INDEX, [patientId, now, fileId]);
    await recordAccess(ctx, actor, editQuery, decision, fileVersionResource(fileId, 1));
    emitEvent(ctx, 'createFile', { fileId, version: 1, patientId, uploaderId: actor.stakeholderId, at: now });
    return sortedCopy({ file: head, latest: version } satisfies FileMetadataView);
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
    const actor = await requireActor(ctx, UPLOADER_ROLES);
    requireObjectId('fileId', fileId);
    const content = requireContent(contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, clientEncrypted);
    const details = requireFileDetails(ctx);
    const head = await requireActiveFile(ctx, fileId);

    const editQuery: AccessQuery = { patientId: head.patientId, action: 'edit', category: head.category, recordId: fileId };
    const decision = await authoriseUpload(ctx, actor, editQuery);
    const patientSide = isPatientSide(actor, decision);
    if (patientSide && requiresAmendment(head)) {
      throw new ChaincodeError(
        'NOT_OWNER',
        `medical file ${fileId} is a clinician-authored record or clinical note; the patient corrects it with proposeAmendment`,
      );
    }
    await claimBlob(ctx, head, content);

    const { head: updated, version } = await appendVersion(ctx, head, content, details, {
      uploaderId: actor.stakeholderId,
      patientAuthored: head.patientAuthored && patientSide,
    });
    await recordAccess(ctx, actor, editQuery, decision, fileVersionResource(fileId, version.version));
    emitEvent(ctx, 'addVersion', {
      fileId,
      version: version.version,
      previousVersion: head.latestVersion,
      patientId: head.patientId,
      uploaderId: actor.stakeholderId,
      at: version.createdAt,
    });
    return sortedCopy({ file: updated, latest: version } satisfies FileMetadataView);
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
    const actor = await requireActor(ctx, ['patient']);
    requireObjectId('fileId', fileId);
    const content = requireContent(contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, false);
    const details = requireAmendmentDetails(ctx);
    const head = await requireActiveFile(ctx, fileId);

    const editQuery: AccessQuery = { patientId: head.patientId, action: 'edit', category: head.category, recordId: fileId };
    const decision = await decideAccess(ctx, actor, editQuery);
    if (!isPatientSide(actor, decision)) {
      throw new ChaincodeError('NOT_OWNER', 'only the patient or their delegate proposes amendments');
    }
    // The corrected content must have been uploaded for this file (the gateway binds its key to the
    // file and patient); a blob of another file, or of another patient, never becomes a version here.
    await claimBlob(ctx, head, content);

    const now = txTimeIso(ctx);
    const amendment: LiveAmendment = {
      id: newObjectId(ctx, 'amd'),
      fileId,
      patientId: head.patientId,
      category: head.category,
      baseVersion: head.latestVersion,
      contentSha256: content.contentSha256,
      ciphertextSha256: content.ciphertextSha256,
      sizeBytes: content.sizeBytes,
      mediaType: content.mediaType,
      storageRef: content.storageRef,
      proposedBy: actor.stakeholderId,
      proposedAt: now,
      status: 'pending',
      updatedAt: now,
    };
    await writeObject(ctx, amendmentKey(ctx, amendment.id), amendment);
    await writePrivate(ctx, HEALTH_COLLECTION, amendmentDetailsKey(ctx, amendment.id), details);
    await writeIndex(ctx, AMENDMENT_BY_FILE_INDEX, [fileId, now, amendment.id]);
    await recordAccess(ctx, actor, editQuery, decision, { type: 'amendment', id: amendment.id });
    emitEvent(ctx, 'proposeAmendment', {
      amendmentId: amendment.id,
      fileId,
      baseVersion: amendment.baseVersion,
      patientId: head.patientId,
      status: amendment.status,
      at: now,
    });
    return sortedCopy(amendment);
  }

  /**
   * A verified doctor with 'edit' consent approves a pending amendment, confirming the content
   * they reviewed by its SHA-256; the amendment becomes the file's next version.
   */
  @Transaction()
  @Returns('AmendmentApproval')
  async approveAmendment(ctx: Context, amendmentId: string, contentSha256: string): Promise<AmendmentApproval> {
    const actor = await requireActor(ctx, ['doctor']);
    requireObjectId('amendmentId', amendmentId);
    requireSha256('contentSha256', contentSha256);
    const amendment = await requirePendingAmendment(ctx, amendmentId);
    const head = await requireActiveFile(ctx, amendment.fileId);

    const editQuery: AccessQuery = { patientId: head.patientId, action: 'edit', category: head.category, recordId: head.fileId };
    const decision = await decideAccess(ctx, actor, editQuery);
    requireApprovable(decision, head, amendment, contentSha256);
    // Claimed at the proposal; checked again so an amendment recorded before claims existed cannot
    // adopt a blob another file holds.
    await claimBlob(ctx, head, amendment);

    const base = await requireFileVersion(ctx, head.fileId, head.latestVersion);
    const details = await amendedDetails(ctx, head, amendmentId);
    const content: FileContent = {
      contentSha256: amendment.contentSha256,
      ciphertextSha256: amendment.ciphertextSha256,
      sizeBytes: amendment.sizeBytes,
      mediaType: amendment.mediaType,
      storageRef: amendment.storageRef,
      clientEncrypted: base.status === 'active' && base.clientEncrypted,
    };
    const { head: updated, version } = await appendVersion(ctx, head, content, details, {
      uploaderId: amendment.proposedBy,
      amendmentId,
      approvedBy: actor.stakeholderId,
      patientAuthored: head.patientAuthored,
    });
    const approved: LiveAmendment = {
      ...amendment,
      status: 'approved',
      decidedBy: actor.stakeholderId,
      decidedAt: version.createdAt,
      resultingVersion: version.version,
      updatedAt: version.createdAt,
    };
    await writeObject(ctx, amendmentKey(ctx, amendmentId), approved);
    // The approval reads the base version's and the amendment's private details (under the same
    // edit grant, as reviewing them is part of approving) and writes the new version: three entries.
    const readQuery: AccessQuery = { ...editQuery, action: 'view' };
    await recordAccess(ctx, actor, readQuery, decision, fileVersionResource(head.fileId, base.version));
    await recordAccess(ctx, actor, readQuery, decision, { type: 'amendment', id: amendmentId });
    await recordAccess(ctx, actor, editQuery, decision, fileVersionResource(head.fileId, version.version));
    emitEvent(ctx, 'approveAmendment', {
      amendmentId,
      fileId: head.fileId,
      version: version.version,
      patientId: head.patientId,
      approvedBy: actor.stakeholderId,
      status: approved.status,
      at: version.createdAt,
    });
    return sortedCopy({ amendment: approved, file: updated, latest: version });
  }

  /**
   * Closes a pending amendment without a new version: a doctor with 'edit' consent rejects it
   * ('rejected'); the patient or delegate who may propose withdraws it ('withdrawn').
   */
  @Transaction()
  @Returns('Amendment')
  async rejectAmendment(ctx: Context, amendmentId: string): Promise<Amendment> {
    const actor = await requireActor(ctx, ['patient', 'doctor']);
    requireObjectId('amendmentId', amendmentId);
    const amendment = await requirePendingAmendment(ctx, amendmentId);

    const editQuery: AccessQuery = { patientId: amendment.patientId, action: 'edit', category: amendment.category, recordId: amendment.fileId };
    const decision = await decideAccess(ctx, actor, editQuery);
    if (actor.role === 'patient' && !isPatientSide(actor, decision)) {
      throw new ChaincodeError('NOT_OWNER', 'only the patient or their delegate withdraws an amendment');
    }
    if (actor.role === 'doctor' && decision.basis !== 'grant') {
      throw new ChaincodeError('CONSENT_REQUIRED', 'rejecting an amendment needs an edit grant from the patient');
    }

    const now = txTimeIso(ctx);
    const closed: LiveAmendment = {
      ...amendment,
      status: actor.role === 'patient' ? 'withdrawn' : 'rejected',
      decidedBy: actor.stakeholderId,
      decidedAt: now,
      updatedAt: now,
    };
    await writeObject(ctx, amendmentKey(ctx, amendmentId), closed);
    await recordAccess(ctx, actor, editQuery, decision, { type: 'amendment', id: amendmentId });
    emitEvent(ctx, 'rejectAmendment', {
      amendmentId,
      fileId: amendment.fileId,
      patientId: amendment.patientId,
      decidedBy: actor.stakeholderId,
      status: closed.status,
      at: now,
    });
    return sortedCopy(closed);
  }

  /**
   * Reads a pending or decided amendment with its private reason, for the patient side or a
   * reviewing doctor with 'edit' consent. Submitted, because it reads private data: it is logged.
   */
  @Transaction()
  @Returns('AmendmentWithDetails')
  async accessAmendment(ctx: Context, amendmentId: string): Promise<AmendmentWithDetails> {
    const actor = await requireActor(ctx, ['patient', 'doctor']);
    requireObjectId('amendmentId', amendmentId);
    const amendment = await requireObject<Amendment>(ctx, amendmentKey(ctx, amendmentId), `amendment ${amendmentId}`);
    if (amendment.status === 'erased') {
      throw new ChaincodeError('INVALID_STATE', `amendment ${amendmentId} was erased with its file`);
    }
    const query: AccessQuery = { patientId: amendment.patientId, action: 'edit', category: amendment.category, recordId: amendment.fileId };
    const decision = await decideAccess(ctx, actor, query);
    if (actor.role === 'patient' && !isPatientSide(actor, decision)) {
      throw new ChaincodeError('NOT_OWNER', 'only the patient, their delegate or a reviewing doctor reads an amendment');
    }
    const details = await readPrivate<AmendmentDetails>(ctx, HEALTH_COLLECTION, amendmentDetailsKey(ctx, amendmentId));
    await recordAccess(ctx, actor, query, decision, { type: 'amendment', id: amendmentId });
    emitEvent(ctx, 'accessAmendment', {
      amendmentId,
      fileId: amendment.fileId,
      patientId: amendment.patientId,
      accessorId: actor.stakeholderId,
      basis: decision.basis,
      at: txTimeIso(ctx),
    });
    return sortedCopy({ amendment, details: details ?? null });
  }

  /**
   * The download path: decides 'view' access, writes an access-log entry and returns the version's
   * metadata with its private details. `version` 0 means the latest version.
   */
  @Transaction()
  @Returns('FileAccess')
  async accessFile(ctx: Context, fileId: string, version: number): Promise<FileAccess> {
    const actor = await requireActor(ctx, READER_ROLES);
    requireObjectId('fileId', fileId);
    const requested = version === 0 ? 0 : requirePositiveInteger('version', version);
    const head = await requireActiveFile(ctx, fileId);
    const query: AccessQuery = { patientId: head.patientId, action: 'view', category: head.category, recordId: fileId };
    const decision = await decideAccess(ctx, actor, query);
    const number = requested === 0 ? head.latestVersion : requested;
    if (number > head.latestVersion) {
      throw new ChaincodeError('NOT_FOUND', `medical file ${fileId} has no version ${number}`);
    }

    const file = await requireFileVersion(ctx, fileId, number);
    const details = await readPrivate<FileDetails>(ctx, HEALTH_COLLECTION, fileDetailsKey(ctx, fileId, number));
    await recordAccess(ctx, actor, query, decision, fileVersionResource(fileId, number));
    emitEvent(ctx, 'accessFile', {
      fileId,
      version: number,
      patientId: head.patientId,
      accessorId: actor.stakeholderId,
      basis: decision.basis,
      at: txTimeIso(ctx),
    });
    return sortedCopy({ file, details: details ?? null, latestVersion: head.latestVersion, basis: decision.basis });
  }

  /** The file's head and latest version, without private details, for whoever may view it. */
  @Transaction(false)
  @Returns('FileMetadataView')
  async getFileMetadata(ctx: Context, fileId: string): Promise<FileMetadataView> {
    const actor = await requireActor(ctx, READER_ROLES);
    requireObjectId('fileId', fileId);
    const head = await requireFileHead(ctx, fileId);
    await decideAccess(ctx, actor, { patientId: head.patientId, action: 'view', category: head.category, recordId: fileId });
    return sortedCopy(await metadataView(ctx, head));
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
    const actor = await requireActor(ctx, READER_ROLES);
    requireStakeholderId('patientId', patientId);
    const gate = await viewOnSomeCategory(ctx, actor, patientId);
    const seesAll = gate.basis === 'owner' || gate.basis === 'delegate';

    const page = await pageOfKeys(ctx, MEDICAL_FILE_BY_PATIENT_INDEX, [patientId], pageSize, bookmark);
    const items: FileMetadataView[] = [];
    for (const entry of page.entries) {
      const fileId = entry.parts[2];
      if (fileId === undefined) {
        continue;
      }
      const head = await requireFileHead(ctx, fileId);
      if (seesAll || (await mayView(ctx, actor, head))) {
        items.push(await metadataView(ctx, head));
      }
    }
    return sortedCopy({ items, bookmark: page.bookmark } satisfies Page<FileMetadataView>);
  }

  /** A page of a file's versions, oldest first, without private details. */
  @Transaction(false)
  @Returns('MedicalFilePage')
  async getVersionHistory(ctx: Context, fileId: string, pageSize: number, bookmark: string): Promise<Page<MedicalFile>> {
    const actor = await requireActor(ctx, READER_ROLES);
    requireObjectId('fileId', fileId);
    const head = await requireFileHead(ctx, fileId);
    await decideAccess(ctx, actor, { patientId: head.patientId, action: 'view', category: head.category, recordId: fileId });
    return sortedCopy(await pageOfObjects<MedicalFile>(ctx, MEDICAL_FILE_VERSION_TYPE, [fileId], pageSize, bookmark));
  }

  /** A page of a file's amendments (public part), for the patient side or a doctor with 'edit' consent. */
  @Transaction(false)
  @Returns('AmendmentPage')
  async listAmendments(ctx: Context, fileId: string, pageSize: number, bookmark: string): Promise<Page<Amendment>> {
    const actor = await requireActor(ctx, ['patient', 'doctor']);
    requireObjectId('fileId', fileId);
    const head = await requireFileHead(ctx, fileId);
    const decision = await decideAccess(ctx, actor, { patientId: head.patientId, action: 'edit', category: head.category, recordId: fileId });
    if (actor.role === 'patient' && !isPatientSide(actor, decision)) {
      throw new ChaincodeError('NOT_OWNER', 'only the patient, their delegate or a reviewing doctor lists amendments');
    }
    const page = await pageOfKeys(ctx, AMENDMENT_BY_FILE_INDEX, [fileId], pageSize, bookmark);
    const items: Amendment[] = [];
    for (const entry of page.entries) {
      const amendmentId = entry.parts[2];
      if (amendmentId !== undefined) {
        items.push(await requireObject<Amendment>(ctx, amendmentKey(ctx, amendmentId), `amendment ${amendmentId}`));
      }
    }
    return sortedCopy({ items, bookmark: page.bookmark } satisfies Page<Amendment>);
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
    const actor = await requireActor(ctx, ['patient']);
    requireObjectId('fileId', fileId);
    const head = await requireFileHead(ctx, fileId);
    if (head.patientId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `only patient ${head.patientId} may erase medical file ${fileId}`);
    }
    if (head.status === 'erased') {
      throw new ChaincodeError('INVALID_STATE', `medical file ${fileId} is already erased`);
    }

    const now = txTimeIso(ctx);
    for (let number = 1; number <= head.latestVersion; number += 1) {
      const version = await requireFileVersion(ctx, fileId, number);
      if (version.status === 'active') {
        await releaseStorageRef(ctx, version.storageRef);
      }
      await writeObject(ctx, fileVersionKey(ctx, fileId, number), tombstoneOf(version, now));
      await ctx.stub.purgePrivateData(HEALTH_COLLECTION, fileDetailsKey(ctx, fileId, number));
    }
    let amendments = 0;
    for (const amendmentId of await amendmentIdsOf(ctx, fileId)) {
      const amendment = await requireObject<Amendment>(ctx, amendmentKey(ctx, amendmentId), `amendment ${amendmentId}`);
      if (amendment.status !== 'erased') {
        await releaseStorageRef(ctx, amendment.storageRef);
      }
      await writeObject(ctx, amendmentKey(ctx, amendmentId), erasedAmendment(amendment, now));
      await ctx.stub.purgePrivateData(HEALTH_COLLECTION, amendmentDetailsKey(ctx, amendmentId));
      amendments += 1;
    }
    const erased: MedicalFileHead = { ...head, status: 'erased', erasedAt: now, updatedAt: now };
    await writeObject(ctx, fileHeadKey(ctx, fileId), erased);
    emitEvent(ctx, 'erasePrivateData', { fileId, patientId: head.patientId, versions: head.latestVersion, amendments, status: 'erased', at: now });
    return sortedCopy(erased);
  }

  /**
   * The patient records that their data was erased: the gateway has destroyed the patient's key
   * (crypto-shredding every off-chain file) and erasePrivateData has run for their files. Stores
   * {patientId, erasedAt, filesErased} (no personal data) and emits 'recordErasure'. Only the
   * patient themself, never a delegate or professional. Safe to repeat.
   */
  @Transaction()
  @Returns('PatientErasure')
  async recordErasure(ctx: Context, patientId: string): Promise<PatientErasure> {
    const actor = await requireActor(ctx, ['patient']);
    requireStakeholderId('patientId', patientId);
    if (patientId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `only patient ${patientId} may record their own erasure`);
    }
    const erasedAt = txTimeIso(ctx);
    const erasure: PatientErasure = { patientId, erasedAt, filesErased: await erasedFileCount(ctx, patientId) };
    await writeObject(ctx, objectKey(ctx, PATIENT_ERASURE_TYPE, [patientId]), erasure);
    emitEvent(ctx, 'recordErasure', { patientId, erasedAt, filesErased: erasure.filesErased });
    return sortedCopy(erasure);
  }
}
