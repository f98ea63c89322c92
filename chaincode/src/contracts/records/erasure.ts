import type { Context } from 'fabric-contract-api';
import { ERASURE_BATCH_MAX, type Amendment, type MedicalFileHead, type PatientErasure } from '../../contract';
import { requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { fileDetailsKey, fileHeadKey, fileVersionKey, releaseStorageRef, requireFileHead, requireFileVersion } from '../../lib/medical-files';
import { indexedPrivateKeys, purgePatientPrivate, type IndexedPrivateKey } from '../../lib/private-data';
import { amendmentDetailsKey, amendmentIdsOf, amendmentKey, erasedAmendment, tombstoneOf } from '../../lib/records-store';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, readObject, requireObject, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireNonNegativeInteger, requireObjectId, requirePositiveInteger, requireStakeholderId } from '../../lib/validation';
import { AMENDMENT_DETAILS_TYPE } from '../../models/amendment';
import { MEDICAL_FILE_DETAILS_TYPE } from '../../models/medical-file';
import { PATIENT_ERASURE_TYPE } from '../../models/patient-erasure';
import { addPurged, newReceipt, withBatch, withOffChain, type OffChainReport } from './erasure-receipt';

/*
 * Erasure: a patient's private items purged in bounded batches, found through the per-patient
 * private-key index (lib/private-data.ts), with public tombstones where the object has an erased
 * state, and the receipt that accounts for it.
 */

function receiptKey(ctx: Context, patientId: string): string {
  return objectKey(ctx, PATIENT_ERASURE_TYPE, [patientId]);
}

/** Only the patient themself erases, never a delegate or a professional. */
async function requireErasingPatient(ctx: Context, patientId: string, what: string): Promise<void> {
  const actor = await requireActor(ctx, ['patient']);
  requireStakeholderId('patientId', patientId);
  if (patientId !== actor.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `only patient ${patientId} may ${what}`);
  }
}

/**
 * Purges up to `maxKeys` of the patient's indexed private keys. The receipt is created by the
 * first call and gets one batch per call that purged something; the call that finds nothing left
 * marks it complete. Once complete and with nothing new to purge, a call changes nothing and
 * returns the receipt, so the gateway can repeat the loop after any interruption.
 */
export async function erasePatientData(ctx: Context, patientId: string, maxKeys: number): Promise<PatientErasure> {
  await requireErasingPatient(ctx, patientId, 'erase their own data');
  requirePositiveInteger('maxKeys', maxKeys, ERASURE_BATCH_MAX);
  const key = receiptKey(ctx, patientId);
  const existing = await readObject<PatientErasure>(ctx, key);
  // One key past the batch tells whether this call leaves anything behind.
  const found = await indexedPrivateKeys(ctx, patientId, maxKeys + 1);
  if (found.length === 0 && existing?.status === 'complete') {
    return sortedCopy(existing);
  }
  const now = txTimeIso(ctx);
  const batch = found.slice(0, maxKeys);
  let receipt = existing ?? newReceipt(patientId, now);
  // A transaction does not read its own writes: the heads erased by this call are remembered here.
  const erasedHeads = new Set<string>();
  for (const entry of batch) {
    const fileErased = await purgeEntry(ctx, patientId, entry, { now, erasedHeads });
    receipt = addPurged(receipt, entry, fileErased);
  }
  receipt = withBatch(receipt, { txId: ctx.stub.getTxID(), at: now, purged: batch.length }, found.length <= maxKeys);
  await writeObject(ctx, key, receipt);
  emitEvent(ctx, 'erasePatientData', { patientId, purged: batch.length, status: receipt.status, at: now });
  return sortedCopy(receipt);
}

/** Purges one indexed private item; tombstones its public object where it has an erased state. True when a file head became erased. */
async function purgeEntry(ctx: Context, patientId: string, entry: IndexedPrivateKey, call: { now: string; erasedHeads: Set<string> }): Promise<boolean> {
  let fileErased = false;
  if (entry.objectType === MEDICAL_FILE_DETAILS_TYPE && entry.parts[0] !== undefined) {
    fileErased = await tombstoneFileVersion(ctx, entry.parts[0], Number(entry.parts[1]), call);
  } else if (entry.objectType === AMENDMENT_DETAILS_TYPE && entry.parts[0] !== undefined) {
    await tombstoneAmendment(ctx, entry.parts[0], call.now);
  }
  await purgePatientPrivate(ctx, patientId, objectKey(ctx, entry.objectType, entry.parts));
  return fileErased;
}

/** A version's tombstone, and the file's head erased with its first purged version (no upload after that). */
async function tombstoneFileVersion(ctx: Context, fileId: string, number: number, { now, erasedHeads }: { now: string; erasedHeads: Set<string> }): Promise<boolean> {
  const version = await readObject<Parameters<typeof tombstoneOf>[0]>(ctx, fileVersionKey(ctx, fileId, number));
  if (version !== undefined) {
    if (version.status === 'active') {
      await releaseStorageRef(ctx, version.storageRef);
    }
    await writeObject(ctx, fileVersionKey(ctx, fileId, number), tombstoneOf(version, now));
  }
  const head = await readObject<MedicalFileHead>(ctx, fileHeadKey(ctx, fileId));
  if (head === undefined || head.status === 'erased' || erasedHeads.has(fileId)) {
    return false;
  }
  erasedHeads.add(fileId);
  await writeObject(ctx, fileHeadKey(ctx, fileId), { ...head, status: 'erased', erasedAt: now, updatedAt: now } satisfies MedicalFileHead);
  return true;
}

async function tombstoneAmendment(ctx: Context, amendmentId: string, now: string): Promise<void> {
  const amendment = await readObject<Amendment>(ctx, amendmentKey(ctx, amendmentId));
  if (amendment === undefined || amendment.status === 'erased') {
    return;
  }
  await releaseStorageRef(ctx, amendment.storageRef);
  await writeObject(ctx, amendmentKey(ctx, amendmentId), erasedAmendment(amendment, now));
}

/** The patient's erasure receipt; NOT_FOUND before their first erasure call. */
export async function getErasureReceipt(ctx: Context, patientId: string): Promise<PatientErasure> {
  await requireErasingPatient(ctx, patientId, 'read their erasure receipt');
  const receipt = await readObject<PatientErasure>(ctx, receiptKey(ctx, patientId));
  if (receipt === undefined) {
    throw new ChaincodeError('NOT_FOUND', `patient ${patientId} has no erasure receipt: no erasure has started (POST /patients/${patientId}/erasure starts one)`);
  }
  return sortedCopy(receipt);
}

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
    await purgePatientPrivate(ctx, head.patientId, fileDetailsKey(ctx, fileId, number));
  }
  let amendments = 0;
  for (const amendmentId of await amendmentIdsOf(ctx, fileId)) {
    const amendment = await requireObject<Amendment>(ctx, amendmentKey(ctx, amendmentId), `amendment ${amendmentId}`);
    if (amendment.status !== 'erased') {
      await releaseStorageRef(ctx, amendment.storageRef);
    }
    await writeObject(ctx, amendmentKey(ctx, amendmentId), erasedAmendment(amendment, now));
    await purgePatientPrivate(ctx, head.patientId, amendmentDetailsKey(ctx, amendmentId));
    amendments += 1;
  }
  const erased: MedicalFileHead = { ...head, status: 'erased', erasedAt: now, updatedAt: now };
  await writeObject(ctx, fileHeadKey(ctx, fileId), erased);
  emitEvent(ctx, 'erasePrivateData', { fileId, patientId: head.patientId, versions: head.latestVersion, amendments, status: 'erased', at: now });
  return sortedCopy(erased);
}

/**
 * The gateway reports its off-chain part (the patient's key destroyed, data keys and blobs
 * deleted) into the receipt. Counts add up over repeated reports; a report of nothing (a repeat
 * after everything was shredded) leaves the receipt as it is.
 */
export async function recordErasure(
  ctx: Context,
  patientId: string,
  report: { keyEncryptionKeyDestroyed: boolean; dataKeysDestroyed: number; blobsDeleted: number; blobDeleteFailures: number },
): Promise<PatientErasure> {
  await requireErasingPatient(ctx, patientId, 'record their own erasure');
  const counts: OffChainReport = {
    keyEncryptionKeyDestroyed: report.keyEncryptionKeyDestroyed,
    dataKeysDestroyed: requireNonNegativeInteger('dataKeysDestroyed', report.dataKeysDestroyed),
    blobsDeleted: requireNonNegativeInteger('blobsDeleted', report.blobsDeleted),
    blobDeleteFailures: requireNonNegativeInteger('blobDeleteFailures', report.blobDeleteFailures),
  };
  const key = receiptKey(ctx, patientId);
  const now = txTimeIso(ctx);
  const existing = await readObject<PatientErasure>(ctx, key);
  const reportsNothing = !counts.keyEncryptionKeyDestroyed && counts.dataKeysDestroyed === 0 && counts.blobsDeleted === 0;
  if (existing?.offChain !== undefined && reportsNothing && counts.blobDeleteFailures === existing.offChain.blobDeleteFailures) {
    return sortedCopy(existing);
  }
  const receipt = withOffChain(existing ?? newReceipt(patientId, now), counts, { txId: ctx.stub.getTxID(), at: now });
  await writeObject(ctx, key, receipt);
  emitEvent(ctx, 'recordErasure', { patientId, dataKeysDestroyed: counts.dataKeysDestroyed, blobsDeleted: counts.blobsDeleted, at: now });
  return sortedCopy(receipt);
}
