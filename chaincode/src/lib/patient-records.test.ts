import type { AccessLogEntry } from '../models/access-log-entry';
import { APPOINTMENT_TYPE } from '../models/appointment';
import { CLAIM_TYPE } from '../models/claim';
import { APPLICATION_TYPE } from '../models/insurance-application';
import { MEDICAL_FILE_TYPE } from '../models/medical-file';
import { POLICY_TYPE } from '../models/policy';
import { PRESCRIPTION_TYPE } from '../models/prescription';
import { SERVICE_REQUEST_TYPE } from '../models/service-request';
import { createTwoPatients, type TwoPatients } from '../test-support/two-patients';
import { accessLogOf } from '../test-support/records';
import { PATIENT_RECORD_KINDS } from './patient-records';

/** The category the registry gives a kind (records of every kind here but files have one fixed category). */
function registryCategory(objectType: string, record: { patientId: string; category?: string } = { patientId: 'pat-unused1', category: 'lab' }): string {
  const kind = PATIENT_RECORD_KINDS.find((candidate) => candidate.objectType === objectType);
  if (kind === undefined) {
    throw new Error(`${objectType} is not a patient record kind`);
  }
  return kind.categoryOf(record);
}

describe('PATIENT_RECORD_KINDS', () => {
  let t: TwoPatients;

  beforeAll(async () => {
    t = await createTwoPatients();
  });

  it.each<[string, string, (t: TwoPatients) => string[], (t: TwoPatients) => string]>([
    [MEDICAL_FILE_TYPE, 'Records:accessFile', (t) => [t.a.ownFile, '0'], (t) => t.a.ownFile],
    [PRESCRIPTION_TYPE, 'Prescription:readPrescription', (t) => [t.a.prescription], (t) => t.a.prescription],
    [APPOINTMENT_TYPE, 'Appointment:accessDetails', (t) => [t.a.appointment], (t) => t.a.appointment],
    [SERVICE_REQUEST_TYPE, 'HospitalService:accessDetails', (t) => [t.a.service], (t) => t.a.service],
    [CLAIM_TYPE, 'Insurance:readClaim', (t) => [t.a.claim], (t) => t.a.claim],
  ])('when the %s contract decides a read of one (%s), then it uses the category the registry gives that kind', async (objectType, fn, args, id) => {
    await t.world.ledger.submit(t.a.doctor, fn, args(t));
    const entries = (await accessLogOf(t.world, t.a.patient)) as unknown as AccessLogEntry[];
    const read = entries.filter((entry) => entry.accessorId === t.a.doctorId && entry.action === 'view' && entry.recordId === id(t));
    expect(read.map((entry) => entry.category)).toEqual([registryCategory(objectType)]);
  });

  it.each([
    [APPLICATION_TYPE, 'Insurance:getApplication', (t: TwoPatients) => t.a.application],
    [POLICY_TYPE, 'Insurance:getPolicy', (t: TwoPatients) => t.a.policy],
  ])('when a grantee with view on the registry’s category only reads a %s (%s), then it is allowed', async (objectType, fn, id) => {
    const category = registryCategory(objectType);
    await t.world.ledger.submit(t.a.patient, 'Consent:grant', [t.b.doctorId, '["view"]', JSON.stringify({ categories: [category] }), 'TREAT', t.world.at(0), t.world.at(86400000)]);
    await expect(t.world.ledger.evaluate(t.b.doctor, fn, [id(t)])).resolves.toContain(id(t));
  });
});
