import type { DataKeyRecord, DataKeyState, SealedKek } from './key-vault';

/**
 * The key vault's tables as both stores read and write them (migration 6): one column list and one
 * mapping for SQLite and PostgreSQL. Times are epoch milliseconds in the tables, ISO-8601 in the records.
 */
export const KEK_COLUMNS = 'patient_id, kek_id, sealed_key, created_at';
export const DATA_KEY_COLUMNS = 'key_ref, patient_id, file_id, kek_id, wrapped_key, storage_ref, state, created_at';

export interface SealedKekRow {
  patient_id: string;
  kek_id: string;
  sealed_key: string;
  created_at: number;
}

export interface DataKeyRow {
  key_ref: string;
  patient_id: string;
  file_id: string;
  kek_id: string;
  wrapped_key: string;
  storage_ref: string;
  state: string;
  created_at: number;
}

/** The values of KEK_COLUMNS, in order. */
export function kekValues(kek: SealedKek): unknown[] {
  return [kek.patientId, kek.kekId, kek.sealedKey, epochMsOf(kek.createdAt)];
}

/** The values of DATA_KEY_COLUMNS, in order. */
export function dataKeyValues(record: DataKeyRecord): unknown[] {
  return [record.keyRef, record.patientId, record.fileId, record.kekId, record.wrappedKey, record.storageRef, record.state, epochMsOf(record.createdAt)];
}

export function sealedKekOf(row: SealedKekRow): SealedKek {
  return { patientId: row.patient_id, kekId: row.kek_id, sealedKey: row.sealed_key, createdAt: new Date(row.created_at).toISOString() };
}

export function dataKeyOf(row: DataKeyRow): DataKeyRecord {
  return {
    keyRef: row.key_ref,
    patientId: row.patient_id,
    fileId: row.file_id,
    kekId: row.kek_id,
    wrappedKey: row.wrapped_key,
    storageRef: row.storage_ref,
    // the table's CHECK admits only the two states
    state: row.state as DataKeyState,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function epochMsOf(iso: string): number {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    throw new RangeError(`not an ISO-8601 time: ${iso}`);
  }
  return time;
}
