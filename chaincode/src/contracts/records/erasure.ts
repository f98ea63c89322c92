import type { Context } from 'fabric-contract-api';
import type { Amendment, MedicalFileHead, PatientErasure } from '../../contract';
import { requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { fileDetailsKey, fileHeadKey, fileVersionKey, releaseStorageRef, requireFileHead, requireFileVersion } from '../../lib/medical-files';
import { HEALTH_COLLECTION } from '../../lib/private-data';
import { amendmentDetailsKey, amendmentIdsOf, amendmentKey, erasedAmendment, erasedFileCount, tombstoneOf } from '../../lib/records-store';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObject, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireStakeholderId } from '../../lib/validation';
import { PATIENT_ERASURE_TYPE } from '../../models/patient-erasure';

/* Erasure: purging a file's private details into tombstones, and recording a patient's erasure. */

export async function erasePrivateData(ctx: Context, fileId: string): Promise<MedicalFileHead> {
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

export async function recordErasure(ctx: Context, patientId: string): Promise<PatientErasure> {
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
