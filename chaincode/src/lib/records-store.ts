import type { Context } from 'fabric-contract-api';
import {
  DATA_CATEGORIES,
  type ActiveFileVersion,
  type Amendment,
  type AmendmentDetails,
  type ErasedAmendment,
  type ErasedFileVersion,
  type FileContent,
  type FileDetails,
  type FileMetadataView,
  type LiveAmendment,
  type MedicalFile,
  type MedicalFileHead,
} from '../contract';
import { decideAccess, type AccessDecision, type AccessQuery } from './access-decision';
import type { Disclosure } from './disclosures';
import type { AccessedResource } from './access-log';
import type { Actor } from './actors';
import { ChaincodeError } from './errors';
import { fileDetailsKey, fileHeadKey, fileVersionKey, requireFileHead, requireFileVersion } from './medical-files';
import { HEALTH_COLLECTION, writePatientPrivate } from './private-data';
import { idsUnder, objectKey, readPrivate, requireObject, writeObject } from './state';
import { txTimeIso } from './time';
import { AMENDMENT_BY_FILE_INDEX, AMENDMENT_DETAILS_TYPE, AMENDMENT_TYPE } from '../models/amendment';

/*
 * Stored medical files and amendments, for the Records contract: keys, reads, the access steps of
 * uploads and approvals, appending versions, views and erasure tombstones.
 */

/** The access log's name for one version of a file ("<fileId>.v<version>", an object ID because fileId ≤ FILE_ID_MAX_LENGTH). */
export function fileVersionResource(fileId: string, version: number): AccessedResource {
  return { type: 'file-version', id: `${fileId}.v${version}` };
}

export function amendmentKey(ctx: Context, amendmentId: string): string {
  return objectKey(ctx, AMENDMENT_TYPE, [amendmentId]);
}

export function amendmentDetailsKey(ctx: Context, amendmentId: string): string {
  return objectKey(ctx, AMENDMENT_DETAILS_TYPE, [amendmentId]);
}

/** The caller acts for the patient (as the patient or their delegate) rather than as a professional. */
export function isPatientSide(actor: Actor, decision: AccessDecision): boolean {
  return actor.role === 'patient' && (decision.basis === 'owner' || decision.basis === 'delegate');
}

/** Clinical notes and anything a professional wrote change on the patient's side only by amendment. */
export function requiresAmendment(head: MedicalFileHead): boolean {
  return !head.patientAuthored || head.category === 'clinical-note';
}

/**
 * The access decision for writing a version. A patient-role caller writes only as the patient or
 * their delegate, never under a grant meant for professionals.
 */
export async function authoriseUpload(ctx: Context, actor: Actor, query: AccessQuery): Promise<AccessDecision> {
  const decision = await decideAccess(ctx, actor, query);
  if (actor.role === 'patient' && decision.basis !== 'owner' && decision.basis !== 'delegate') {
    throw new ChaincodeError('ROLE_FORBIDDEN', 'a patient uploads only their own files or as a delegate; grants let professionals upload');
  }
  return decision;
}

/** An amendment is approved under an edit grant, on the version it was proposed against, with the content proposed. */
export function requireApprovable(decision: AccessDecision, head: MedicalFileHead, amendment: LiveAmendment, contentSha256: string): void {
  if (decision.basis !== 'grant') {
    throw new ChaincodeError('CONSENT_REQUIRED', 'approving an amendment needs an edit grant from the patient');
  }
  if (head.latestVersion !== amendment.baseVersion) {
    throw new ChaincodeError(
      'INVALID_STATE',
      `medical file ${head.fileId} moved from version ${amendment.baseVersion} to ${head.latestVersion}; the patient must propose again`,
    );
  }
  if (contentSha256 !== amendment.contentSha256) {
    throw new ChaincodeError('HASH_MISMATCH', `contentSha256 differs from the content proposed in amendment ${amendment.id}`);
  }
}

/** The approved version's private details: the amendment's, falling back to the base version's. */
export async function amendedDetails(ctx: Context, head: MedicalFileHead, amendmentId: string): Promise<FileDetails> {
  const baseDetails = await readPrivate<FileDetails>(ctx, HEALTH_COLLECTION, fileDetailsKey(ctx, head.fileId, head.latestVersion));
  const amendmentDetails = await readPrivate<AmendmentDetails>(ctx, HEALTH_COLLECTION, amendmentDetailsKey(ctx, amendmentId));
  return {
    fileName: amendmentDetails?.fileName ?? baseDetails?.fileName ?? head.fileId,
    description: amendmentDetails?.description ?? baseDetails?.description,
    amendmentReason: amendmentDetails?.reason,
  };
}

export async function requireActiveFile(ctx: Context, fileId: string): Promise<MedicalFileHead> {
  const head = await requireFileHead(ctx, fileId);
  if (head.status !== 'active') {
    throw new ChaincodeError('INVALID_STATE', `medical file ${fileId} is ${head.status}`);
  }
  return head;
}

export async function requirePendingAmendment(ctx: Context, amendmentId: string): Promise<LiveAmendment> {
  const amendment = await requireObject<Amendment>(ctx, amendmentKey(ctx, amendmentId), `amendment ${amendmentId}`);
  if (amendment.status !== 'pending') {
    throw new ChaincodeError('INVALID_STATE', `amendment ${amendmentId} is ${amendment.status}; only a pending amendment can be decided`);
  }
  return amendment;
}

/** Writes the next version, its private details and the moved head pointer. */
export async function appendVersion(
  ctx: Context,
  head: MedicalFileHead,
  content: FileContent,
  details: FileDetails,
  origin: { uploaderId: string; amendmentId?: string; approvedBy?: string; patientAuthored: boolean },
): Promise<{ head: MedicalFileHead; version: ActiveFileVersion }> {
  const now = txTimeIso(ctx);
  const number = head.latestVersion + 1;
  const version: ActiveFileVersion = {
    fileId: head.fileId,
    version: number,
    patientId: head.patientId,
    category: head.category,
    ...content,
    uploaderId: origin.uploaderId,
    previousVersion: head.latestVersion,
    amendmentId: origin.amendmentId,
    approvedBy: origin.approvedBy,
    createdAt: now,
    status: 'active',
  };
  const updated: MedicalFileHead = { ...head, latestVersion: number, patientAuthored: origin.patientAuthored, updatedAt: now };
  await writeObject(ctx, fileVersionKey(ctx, head.fileId, number), version);
  await writePatientPrivate(ctx, head.patientId, fileDetailsKey(ctx, head.fileId, number), details);
  await writeObject(ctx, fileHeadKey(ctx, head.fileId), updated);
  return { head: updated, version };
}

export async function metadataView(ctx: Context, head: MedicalFileHead): Promise<FileMetadataView> {
  return { file: head, latest: await requireFileVersion(ctx, head.fileId, head.latestVersion) };
}

/** The first category the caller may view for this patient, with the decision; CONSENT_REQUIRED when there is none. */
export async function viewOnSomeCategory(ctx: Context, actor: Actor, patientId: string): Promise<Disclosure> {
  let refusal: ChaincodeError | undefined;
  for (const category of DATA_CATEGORIES) {
    const query: AccessQuery = { patientId, action: 'view', category };
    try {
      return { query, decision: await decideAccess(ctx, actor, query) };
    } catch (error) {
      if (!isConsentRefusal(error)) {
        throw error;
      }
      refusal = error;
    }
  }
  throw refusal ?? new ChaincodeError('CONSENT_REQUIRED', `no grant lets ${actor.stakeholderId} view data of ${patientId}`);
}

/** The caller's view of one file, decided; undefined when consent is refused. */
export async function viewOfFile(ctx: Context, actor: Actor, head: MedicalFileHead): Promise<Disclosure | undefined> {
  const query: AccessQuery = { patientId: head.patientId, action: 'view', category: head.category, recordId: head.fileId };
  try {
    return { query, decision: await decideAccess(ctx, actor, query) };
  } catch (error) {
    if (isConsentRefusal(error)) {
      return undefined;
    }
    throw error;
  }
}

export function isConsentRefusal(error: unknown): error is ChaincodeError {
  return error instanceof ChaincodeError && error.code === 'CONSENT_REQUIRED';
}

export async function amendmentIdsOf(ctx: Context, fileId: string): Promise<string[]> {
  return idsUnder(ctx, AMENDMENT_BY_FILE_INDEX, [fileId]);
}

export function tombstoneOf(version: MedicalFile, now: string): ErasedFileVersion {
  if (version.status === 'erased') {
    return version;
  }
  return {
    fileId: version.fileId,
    version: version.version,
    patientId: version.patientId,
    category: version.category,
    uploaderId: version.uploaderId,
    previousVersion: version.previousVersion,
    amendmentId: version.amendmentId,
    approvedBy: version.approvedBy,
    createdAt: version.createdAt,
    ciphertextSha256: version.ciphertextSha256,
    status: 'erased',
    erasedAt: now,
  };
}

export function erasedAmendment(amendment: Amendment, now: string): ErasedAmendment {
  if (amendment.status === 'erased') {
    return amendment;
  }
  return {
    id: amendment.id,
    fileId: amendment.fileId,
    patientId: amendment.patientId,
    category: amendment.category,
    baseVersion: amendment.baseVersion,
    proposedBy: amendment.proposedBy,
    proposedAt: amendment.proposedAt,
    decidedBy: amendment.decidedBy,
    decidedAt: amendment.decidedAt,
    resultingVersion: amendment.resultingVersion,
    status: 'erased',
    statusBeforeErasure: amendment.status === 'pending' ? 'withdrawn' : amendment.status,
    erasedAt: now,
    updatedAt: now,
  };
}
