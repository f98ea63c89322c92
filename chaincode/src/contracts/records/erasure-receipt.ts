import type { ErasureBatch, ErasurePurgedType, PatientErasure } from '../../contract';
import type { IndexedPrivateKey } from '../../lib/private-data';

/*
 * The erasure receipt as pure functions of the previous receipt: keys and counts per object type,
 * one batch per purging transaction, and the off-chain report. No content ever enters it.
 */

export interface OffChainReport {
  keyEncryptionKeyDestroyed: boolean;
  dataKeysDestroyed: number;
  blobsDeleted: number;
  blobDeleteFailures: number;
}

export function newReceipt(patientId: string, now: string): PatientErasure {
  return { patientId, status: 'in-progress', startedAt: now, filesErased: 0, keysPurged: 0, purged: [], batches: [] };
}

/** A purged key's ID in the receipt: its key parts, e.g. "file-1/0000000002" for version 2 of file-1. */
export function purgedKeyId(entry: IndexedPrivateKey): string {
  return entry.parts.join('/');
}

export function addPurged(receipt: PatientErasure, entry: IndexedPrivateKey, fileErased: boolean): PatientErasure {
  const id = purgedKeyId(entry);
  const current = receipt.purged.find((type) => type.objectType === entry.objectType);
  const updated: ErasurePurgedType = current === undefined ? { objectType: entry.objectType, count: 1, ids: [id] } : { ...current, count: current.count + 1, ids: [...current.ids, id] };
  const purged = [...receipt.purged.filter((type) => type.objectType !== entry.objectType), updated].sort((a, b) => compare(a.objectType, b.objectType));
  return { ...receipt, purged, keysPurged: receipt.keysPurged + 1, filesErased: receipt.filesErased + (fileErased ? 1 : 0) };
}

/**
 * Records a call: a batch when it purged something, and the status: complete when nothing of the
 * patient's is left (erasedAt: that call's time), in progress again when new items appeared.
 */
export function withBatch(receipt: PatientErasure, batch: ErasureBatch, nothingLeft: boolean): PatientErasure {
  const batches = batch.purged > 0 ? [...receipt.batches, batch] : receipt.batches;
  if (nothingLeft) {
    return { ...receipt, batches, status: 'complete', erasedAt: batch.at };
  }
  // New items appeared after a completed erasure: the receipt is open again until they are purged.
  return { ...receipt, batches, status: 'in-progress', erasedAt: undefined };
}

export function withOffChain(receipt: PatientErasure, report: OffChainReport, call: { txId: string; at: string }): PatientErasure {
  const before = receipt.offChain;
  return {
    ...receipt,
    offChain: {
      keyEncryptionKeyDestroyed: report.keyEncryptionKeyDestroyed || (before?.keyEncryptionKeyDestroyed ?? false),
      dataKeysDestroyed: report.dataKeysDestroyed + (before?.dataKeysDestroyed ?? 0),
      blobsDeleted: report.blobsDeleted + (before?.blobsDeleted ?? 0),
      blobDeleteFailures: report.blobDeleteFailures,
      reportedAt: call.at,
      txIds: [...(before?.txIds ?? []), call.txId],
    },
  };
}

/** Code-unit order, the same on every peer (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
