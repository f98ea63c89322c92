import type { Context } from 'fabric-contract-api';
import { CONFIDENTIALITIES, DATA_CATEGORIES, FILE_ID_MAX_LENGTH, type ActiveFileVersion, type Confidentiality, type DataCategory, type FileAccess, type FileDetails, type FileMetadataView, type MedicalFile, type MedicalFileHead, type Page, type Role } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActor } from '../../lib/actors';
import { decideAndRecord, pagingFor, recordDisclosure, recordListRead, type Disclosure } from '../../lib/disclosures';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { claimBlob, fileDetailsKey, fileHeadKey, fileVersionKey, requireFileHead, requireFileVersion } from '../../lib/medical-files';
import { pageOfKeys, pageOfObjects } from '../../lib/paging';
import { HEALTH_COLLECTION, writePatientPrivate } from '../../lib/private-data';
import { requireContent, requireFileDetails, type ContentArguments } from '../../lib/records-input';
import { appendVersion, authoriseUpload, fileVersionResource, isPatientSide, metadataView, requireActiveFile, requiresAmendment, viewOfFile, viewOnSomeCategory } from '../../lib/records-store';
import { sortedCopy } from '../../lib/serialization';
import { readObject, readPrivate, writeIndex, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf, requirePositiveInteger, requireStakeholderId } from '../../lib/validation';
import { MEDICAL_FILE_BY_PATIENT_INDEX, MEDICAL_FILE_VERSION_TYPE } from '../../models/medical-file';

/** Roles that may write file versions: the patient side, and professionals under an edit grant. */
const UPLOADER_ROLES: readonly Role[] = ['patient', 'doctor', 'hospital'];
/** Roles that may read file metadata or content, each under the access decision. */
const READER_ROLES: readonly Role[] = ['patient', 'doctor', 'hospital', 'pharmacy', 'insurer'];

/* Medical files: registering, versioning, the logged download, metadata and lists. */

/** The new file of Records:createFile. */
export interface NewFileArguments {
  fileId: string;
  patientId: string;
  category: string;
  /** N, R or V (contract/confidentiality.ts). */
  confidentiality: string;
}

export async function createFile(ctx: Context, { fileId, patientId, category, confidentiality }: NewFileArguments, contentArguments: ContentArguments): Promise<FileMetadataView> {
  const actor = await requireActor(ctx, UPLOADER_ROLES);
  requireObjectId('fileId', fileId);
  if (fileId.length > FILE_ID_MAX_LENGTH) {
    throw new ChaincodeError('INVALID_ARGUMENT', `fileId must be at most ${FILE_ID_MAX_LENGTH} characters`);
  }
  requireStakeholderId('patientId', patientId);
  const fileCategory = requireOneOf<DataCategory>('category', category, DATA_CATEGORIES);
  const label = requireOneOf<Confidentiality>('confidentiality', confidentiality, CONFIDENTIALITIES);
  const content = requireContent(contentArguments);
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
    confidentiality: label,
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
  await writePatientPrivate(ctx, patientId, fileDetailsKey(ctx, fileId, 1), details);
  await writeIndex(ctx, MEDICAL_FILE_BY_PATIENT_INDEX, [patientId, now, fileId]);
  await recordAccess(ctx, actor, editQuery, decision, fileVersionResource(fileId, 1));
  emitEvent(ctx, 'createFile', { fileId, version: 1, patientId, uploaderId: actor.stakeholderId, at: now });
  return sortedCopy({ file: head, latest: version } satisfies FileMetadataView);
}

export async function addVersion(ctx: Context, fileId: string, contentArguments: ContentArguments): Promise<FileMetadataView> {
  const actor = await requireActor(ctx, UPLOADER_ROLES);
  requireObjectId('fileId', fileId);
  const content = requireContent(contentArguments);
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

export async function accessFile(ctx: Context, fileId: string, version: number): Promise<FileAccess> {
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
  return sortedCopy({ file, details: details ?? null, latestVersion: head.latestVersion, basis: decision.basis, confidentiality: head.confidentiality });
}

export async function getFileMetadata(ctx: Context, fileId: string): Promise<FileMetadataView> {
  const actor = await requireActor(ctx, READER_ROLES);
  requireObjectId('fileId', fileId);
  const head = await requireFileHead(ctx, fileId);
  await decideAndRecord(ctx, actor, { patientId: head.patientId, action: 'view', category: head.category, recordId: fileId }, { type: 'file', id: fileId });
  return sortedCopy(await metadataView(ctx, head));
}

export async function listFiles(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<FileMetadataView>> {
  const actor = await requireActor(ctx, READER_ROLES);
  requireStakeholderId('patientId', patientId);
  const gate = await viewOnSomeCategory(ctx, actor, patientId);
  const seesAll = gate.decision.basis === 'owner' || gate.decision.basis === 'delegate';

  const page = await pageOfKeys(ctx, MEDICAL_FILE_BY_PATIENT_INDEX, [patientId], pageSize, bookmark, pagingFor(gate.decision));
  const items: FileMetadataView[] = [];
  const shown: Disclosure[] = [];
  for (const entry of page.entries) {
    const fileId = entry.parts[2];
    if (fileId === undefined) {
      continue;
    }
    const head = await requireFileHead(ctx, fileId);
    const view = seesAll ? { query: { ...gate.query, category: head.category }, decision: gate.decision } : await viewOfFile(ctx, actor, head);
    if (view !== undefined) {
      items.push(await metadataView(ctx, head));
      shown.push(view);
    }
  }
  // An empty page still says there is nothing to see: logged under the category that let the caller list.
  await recordListRead(ctx, actor, 'files', shown.length > 0 ? shown : [gate]);
  return sortedCopy({ items, bookmark: page.bookmark } satisfies Page<FileMetadataView>);
}

export async function getVersionHistory(ctx: Context, fileId: string, pageSize: number, bookmark: string): Promise<Page<MedicalFile>> {
  const actor = await requireActor(ctx, READER_ROLES);
  requireObjectId('fileId', fileId);
  const head = await requireFileHead(ctx, fileId);
  const query: AccessQuery = { patientId: head.patientId, action: 'view', category: head.category, recordId: fileId };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageOfObjects<MedicalFile>(ctx, MEDICAL_FILE_VERSION_TYPE, [fileId], pageSize, bookmark, pagingFor(decision));
  await recordDisclosure(ctx, actor, { query, decision }, { type: 'file-versions', id: fileId });
  return sortedCopy(page);
}

/**
 * The patient relabels one of their files (N, R or V). Only the patient themself: a label decides
 * who a grant reaches, so it is as personal a choice as a grant, and a delegate or professional
 * cannot lower it. Logged in the access log as an edit, and announced by a 'setConfidentiality'
 * event; relabelling to the same label changes nothing but is still logged.
 */
export async function setConfidentiality(ctx: Context, fileId: string, confidentiality: string): Promise<FileMetadataView> {
  const actor = await requireActor(ctx, ['patient']);
  requireObjectId('fileId', fileId);
  const label = requireOneOf<Confidentiality>('confidentiality', confidentiality, CONFIDENTIALITIES);
  const head = await requireActiveFile(ctx, fileId);
  if (actor.stakeholderId !== head.patientId) {
    throw new ChaincodeError('NOT_OWNER', `only patient ${head.patientId} labels medical file ${fileId}`);
  }
  const query: AccessQuery = { patientId: head.patientId, action: 'edit', category: head.category, recordId: fileId };
  const decision = await decideAccess(ctx, actor, query);
  const now = txTimeIso(ctx);
  const updated: MedicalFileHead = { ...head, confidentiality: label, updatedAt: now };
  await writeObject(ctx, fileHeadKey(ctx, fileId), updated);
  await recordAccess(ctx, actor, query, decision, { type: 'file', id: fileId });
  emitEvent(ctx, 'setConfidentiality', { fileId, patientId: head.patientId, from: head.confidentiality, to: label, at: now });
  return sortedCopy(await metadataView(ctx, updated));
}
