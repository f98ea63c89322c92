import { GatewayError } from '@hyperledger/fabric-gateway';
import { closeActors, registeredActor, type Actor } from './support/actors';
import { closeAllClients } from './support/fabric-client';
import { secondsFromNow, sha256Of } from './support/ledger-time';
import { refusalCode } from './support/refusals';

afterAll(() => {
  closeAllClients();
});

const DAY_SECONDS = 24 * 3600;
const SECRET = {
  fileName: 'hiv-viral-load-2026.pdf',
  reason: 'panic attacks at night',
  service: 'MRI of the lumbar spine',
  medicine: 'Sertraline 50 mg',
  claim: 'psychotherapy sessions, March',
  breakGlass: 'unconscious after a fall',
};

interface Receipt {
  status: string;
  keysPurged: number;
  purged: { objectType: string; count: number; ids: string[] }[];
  batches: { txId: string; purged: number }[];
}

/** One private item of each kind the network's care flows write for the patient; the reads that return them. */
async function everyKindOfPrivateItem(patient: Actor, doctor: Actor, hospital: Actor, insurer: Actor): Promise<Record<string, () => Promise<unknown>>> {
  const fileId = `file-${patient.stakeholderId}`;
  const ciphertext = sha256Of(`ciphertext of ${fileId}`);
  await patient.submitJson('Records:createFile', [fileId, patient.stakeholderId, 'lab', sha256Of(fileId), ciphertext, '2048', 'application/pdf', `sha256:${ciphertext}`, 'false', 'N'], {
    file: { fileName: SECRET.fileName },
  });
  const appointment = await patient.submitJson<{ id: string }>('Appointment:book', ['', doctor.stakeholderId, secondsFromNow(2 * DAY_SECONDS), secondsFromNow(2 * DAY_SECONDS + 1800)], {
    appointment: { reason: SECRET.reason },
  });
  const service = await patient.submitJson<{ id: string }>('HospitalService:requestEstimate', [hospital.stakeholderId, 'IMG.MRI-2'], { service: { details: SECRET.service } });
  await patient.submitJson('Consent:grant', [doctor.stakeholderId, '["view","edit"]', JSON.stringify({ categories: ['prescription'] }), 'TREAT', secondsFromNow(0), secondsFromNow(DAY_SECONDS)]);
  const prescription = await doctor.submitJson<{ id: string }>('Prescription:issue', ['', patient.stakeholderId, '10', '0', secondsFromNow(30 * DAY_SECONDS)], {
    prescription: { items: [{ medicine: SECRET.medicine, dose: '1 tablet', frequency: 'once a day', durationDays: 30 }] },
  });
  const packageId = `pkg-${insurer.stakeholderId}`;
  const terms = sha256Of(`terms of ${packageId}`);
  await insurer.submitJson('Insurance:publishPackage', [packageId, terms, '12000', 'EUR', '{"categories":["lab"],"annualLimitMinor":100000}', 'Adults 18-65.']);
  const application = await patient.submitJson<{ id: string }>('Insurance:apply', ['', packageId, '1', terms, secondsFromNow(3600), '']);
  const answer = await insurer.submitJson<{ policy: { id: string } }>('Insurance:respond', [application.id, terms, '12000']);
  const claim = await patient.submitJson<{ id: string }>('Insurance:submitClaim', [`clm-${patient.stakeholderId}`, answer.policy.id, sha256Of('invoice'), '5000'], { claim: { details: SECRET.claim } });
  await doctor.submitJson('Consent:breakGlass', [patient.stakeholderId], { breakGlass: { reason: SECRET.breakGlass, salt: Buffer.alloc(32, 9).toString('base64') } });

  return {
    medicalFileDetails: () => patient.submitJson('Records:accessFile', [fileId, '0']),
    appointmentDetails: () => patient.submitJson('Appointment:accessDetails', [appointment.id]),
    serviceRequestDetails: () => patient.submitJson('HospitalService:accessDetails', [service.id]),
    'prescription-details': () => patient.submitJson('Prescription:readPrescription', [prescription.id]),
    'insurance-claim-details': () => patient.submitJson('Insurance:readClaim', [claim.id]),
  };
}

describe('erasure on the real network', () => {
  it('when the patient erases in batches, then every kind of private item is purged from the peers, each details read is refused, and the receipt accounts for it', async () => {
    const admin = await registeredActor('admin');
    const [patient, doctor, hospital, insurer] = await Promise.all([
      registeredActor('patient'),
      registeredActor('doctor', admin),
      registeredActor('hospital', admin),
      registeredActor('insurer', admin),
    ]);
    const reads = await everyKindOfPrivateItem(patient, doctor, hospital, insurer);
    const before = await Promise.all(Object.values(reads).map((read) => read()));

    let receipt = await patient.submitJson<Receipt>('Records:erasePatientData', [patient.stakeholderId, '2']);
    for (let round = 0; receipt.status !== 'complete' && round < 10; round += 1) {
      receipt = await patient.submitJson<Receipt>('Records:erasePatientData', [patient.stakeholderId, '2']);
    }
    const refusals: Record<string, string> = {};
    for (const [kind, read] of Object.entries(reads)) {
      refusals[kind] = await refusalCode(read());
    }
    const stored = await patient.evaluateJson<Receipt>('Records:getErasureReceipt', [patient.stakeholderId]);

    expect(JSON.stringify(before)).toContain(SECRET.reason);
    expect(receipt.status).toBe('complete');
    expect(refusals).toEqual({
      medicalFileDetails: 'INVALID_STATE',
      appointmentDetails: 'ERASED',
      serviceRequestDetails: 'ERASED',
      'prescription-details': 'ERASED',
      'insurance-claim-details': 'ERASED',
    });
    expect(stored.purged.map((type) => type.objectType).sort()).toEqual([...Object.keys(reads), 'breakGlassReason'].sort());
    expect(stored.keysPurged).toBe(6);
    expect(stored.batches.map((batch) => batch.purged)).toEqual([2, 2, 2]);
    const published = JSON.stringify(stored);
    for (const secret of Object.values(SECRET)) {
      expect(published).not.toContain(secret);
    }
    closeActors(admin, patient, doctor, hospital, insurer);
  });

  it('when another patient asks for the erasure or its receipt, then both are refused with NOT_OWNER', async () => {
    const [patient, stranger] = await Promise.all([registeredActor('patient'), registeredActor('patient')]);
    await patient.submitJson('Records:erasePatientData', [patient.stakeholderId, '10']);

    const erase = await refusalCode(stranger.contract.submitTransaction('Records:erasePatientData', patient.stakeholderId, '10'));
    const read = await stranger.contract.evaluateTransaction('Records:getErasureReceipt', patient.stakeholderId).then(
      () => 'answered',
      (error: unknown) => (error instanceof GatewayError ? [error.message, ...error.details.map((detail) => detail.message)].join(' | ') : String(error)),
    );

    expect(erase).toBe('NOT_OWNER');
    expect(read).toMatch(/NOT_OWNER: /);
    closeActors(patient, stranger);
  });
});
