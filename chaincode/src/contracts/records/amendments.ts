import type { Context } from 'fabric-contract-api';
import type { Amendment, AmendmentApproval, AmendmentDetails, AmendmentWithDetails, FileContent, LiveAmendment, Page } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { pagingFor, recordDisclosure } from '../../lib/disclosures';
import { requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { claimBlob, requireFileHead, requireFileVersion } from '../../lib/medical-files';
import { pageOfKeys } from '../../lib/paging';
import { HEALTH_COLLECTION, writePatientPrivate } from '../../lib/private-data';
import { requireAmendmentDetails, requireContent, type ContentArguments } from '../../lib/records-input';
import { amendedDetails, amendmentDetailsKey, amendmentKey, appendVersion, fileVersionResource, isPatientSide, requireActiveFile, requireApprovable, requirePendingAmendment } from '../../lib/records-store';
import { sortedCopy } from '../../lib/serialization';
import { readPrivate, requireObject, writeIndex, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireSha256 } from '../../lib/validation';
import { AMENDMENT_BY_FILE_INDEX } from '../../models/amendment';

/* Amendments: the patient side proposes a corrected version; a doctor with edit consent approves or rejects it. */

/** Records:proposeAmendment: an amendment's content is recorded as not client-encrypted, as it always has been. */
export async function proposeAmendment(ctx: Context, fileId: string, contentArguments: Omit<ContentArguments, 'clientEncrypted'>): Promise<Amendment> {
  const actor = await requireActor(ctx, ['patient']);
  requireObjectId('fileId', fileId);
  const content = requireContent({ ...contentArguments, clientEncrypted: false });
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
  await writePatientPrivate(ctx, amendment.patientId, amendmentDetailsKey(ctx, amendment.id), details);
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

export async function approveAmendment(ctx: Context, amendmentId: string, contentSha256: string): Promise<AmendmentApproval> {
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

export async function rejectAmendment(ctx: Context, amendmentId: string): Promise<Amendment> {
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

export async function accessAmendment(ctx: Context, amendmentId: string): Promise<AmendmentWithDetails> {
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

export async function listAmendments(ctx: Context, fileId: string, pageSize: number, bookmark: string): Promise<Page<Amendment>> {
  const actor = await requireActor(ctx, ['patient', 'doctor']);
  requireObjectId('fileId', fileId);
  const head = await requireFileHead(ctx, fileId);
  const query: AccessQuery = { patientId: head.patientId, action: 'edit', category: head.category, recordId: fileId };
  const decision = await decideAccess(ctx, actor, query);
  if (actor.role === 'patient' && !isPatientSide(actor, decision)) {
    throw new ChaincodeError('NOT_OWNER', 'only the patient, their delegate or a reviewing doctor lists amendments');
  }
  const page = await pageOfKeys(ctx, AMENDMENT_BY_FILE_INDEX, [fileId], pageSize, bookmark, pagingFor(decision));
  const items: Amendment[] = [];
  for (const entry of page.entries) {
    const amendmentId = entry.parts[2];
    if (amendmentId !== undefined) {
      items.push(await requireObject<Amendment>(ctx, amendmentKey(ctx, amendmentId), `amendment ${amendmentId}`));
    }
  }
  // Decided as 'edit' (the reviewing doctor's right); what it did was view the amendments.
  await recordDisclosure(ctx, actor, { query: { ...query, action: 'view' }, decision }, { type: 'amendments', id: fileId });
  return sortedCopy({ items, bookmark: page.bookmark } satisfies Page<Amendment>);
}
