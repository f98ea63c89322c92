import type { Context } from 'fabric-contract-api';
import type { DataCategory, MedicalFileHead } from '../contract';
import { APPOINTMENT_TYPE } from '../models/appointment';
import { CLAIM_TYPE } from '../models/claim';
import { APPLICATION_TYPE } from '../models/insurance-application';
import { MEDICAL_FILE_TYPE } from '../models/medical-file';
import { POLICY_TYPE } from '../models/policy';
import { PRESCRIPTION_TYPE } from '../models/prescription';
import { SERVICE_REQUEST_TYPE } from '../models/service-request';
import { ChaincodeError } from './errors';
import { objectKey, readObject } from './state';

/**
 * The records an access query's recordId (and a grant's scope.recordIds) can name: every kind of
 * patient record that is decided by record ID, where its owner is kept, and the data category the
 * contracts decide it under. Record IDs are chosen per kind, so one ID may name records of several
 * kinds; an ID names a record of patient P when any of them belongs to P.
 *
 * Keep in step with the contracts: each kind's category is the one its contract passes to
 * decideAccess with `recordId` (patient-records.test.ts compares them).
 */
export const PATIENT_RECORD_KINDS: readonly { objectType: string; categoryOf: (record: { patientId: string }) => DataCategory }[] = [
  { objectType: MEDICAL_FILE_TYPE, categoryOf: (record) => (record as MedicalFileHead).category },
  { objectType: PRESCRIPTION_TYPE, categoryOf: () => 'prescription' },
  { objectType: APPOINTMENT_TYPE, categoryOf: () => 'appointment' },
  { objectType: SERVICE_REQUEST_TYPE, categoryOf: () => 'billing' },
  { objectType: CLAIM_TYPE, categoryOf: () => 'billing' },
  { objectType: APPLICATION_TYPE, categoryOf: () => 'insurance' },
  { objectType: POLICY_TYPE, categoryOf: () => 'insurance' },
];

export interface NamedRecord {
  objectType: string;
  patientId: string;
  category: DataCategory;
}

/** Every record `recordId` names, of any kind (usually none or one). */
export async function recordsNamed(ctx: Context, recordId: string): Promise<NamedRecord[]> {
  const found: NamedRecord[] = [];
  for (const kind of PATIENT_RECORD_KINDS) {
    const record = await readObject<{ patientId: string }>(ctx, objectKey(ctx, kind.objectType, [recordId]));
    if (record !== undefined) {
      found.push({ objectType: kind.objectType, patientId: record.patientId, category: kind.categoryOf(record) });
    }
  }
  return found;
}

/**
 * Refuses a record ID that is not a record of this patient (in this category, when one is given):
 * a record of another patient and a record that does not exist get the same NOT_FOUND, so the
 * answer never tells whether another patient has a record with that ID.
 */
export async function requirePatientRecord(ctx: Context, patientId: string, recordId: string, category?: DataCategory): Promise<void> {
  const records = await recordsNamed(ctx, recordId);
  const ours = records.some((record) => record.patientId === patientId && (category === undefined || record.category === category));
  if (!ours) {
    const what = category === undefined ? 'record' : `${category} record`;
    throw new ChaincodeError('NOT_FOUND', `patient ${patientId} has no ${what} ${recordId}`);
  }
}

/** requirePatientRecord for each ID of a grant scope's recordIds. */
export async function requirePatientRecords(ctx: Context, patientId: string, recordIds: readonly string[]): Promise<void> {
  for (const recordId of recordIds) {
    await requirePatientRecord(ctx, patientId, recordId);
  }
}
