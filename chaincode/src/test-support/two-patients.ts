import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import { DATA_CATEGORIES } from '../lib/categories';
import { sha256Hex } from '../lib/sha256';
import { createConsentWorld, DAY, grant, HOUR, IDS, parsed, type ConsentWorld } from './consent';
import { blobOf, createFile, proposeAmendment, sha } from './records';
import * as surface from '../contract';

/**
 * Two patients, each with one of every record and consent object the contracts keep, and each
 * with professionals of their own: patient A (`a`) with the world's doctor, hospital, pharmacy and
 * insurer; patient B (`b`) with the other doctor and a second hospital, pharmacy and insurer. A's
 * professionals hold A's grants only. Tests take a value from B's side and hand it to a
 * transaction on A's side, to prove the chaincode refuses what belongs to another patient.
 */
export interface Side {
  tag: 'a' | 'b';
  patient: LedgerIdentity;
  patientId: string;
  doctor: LedgerIdentity;
  doctorId: string;
  hospital: LedgerIdentity;
  hospitalId: string;
  pharmacy: LedgerIdentity;
  pharmacyId: string;
  insurer: LedgerIdentity;
  insurerId: string;
  /** A lab file the patient uploaded (patient-authored: the patient versions it). */
  ownFile: string;
  /** A lab file the doctor wrote (the patient corrects it by amendment). */
  noteFile: string;
  /** The patient's pending amendment of noteFile, and the SHA-256 of its content. */
  amendment: string;
  amendmentContent: string;
  prescription: string;
  /** A placed order of the prescription, with the side's pharmacy. */
  order: string;
  appointment: string;
  /** A hospital service request at status 'confirmed' (paid and confirmed, awaiting the report). */
  service: string;
  packageId: string;
  termsSha256: string;
  /** An application the insurer approved (it issued `policy`), and one still pending. */
  application: string;
  pendingApplication: string;
  policy: string;
  claim: string;
  /** The doctor's pending access request, for lab view. */
  request: string;
  /** The patient's grant to the doctor (view and edit on every category). */
  grant: string;
  /** The patient's delegation to the world's delegate (who acts for both patients). */
  delegation: string;
  /** A break-glass opening by the side's doctor. */
  breakGlass: string;
}

export interface TwoPatients {
  world: ConsentWorld;
  a: Side;
  b: Side;
}

const ITEMS = { items: [{ medicine: 'Amoxicillin 500 mg', dose: '1 capsule' }] };
const PRICE = 12000;

export async function createTwoPatients(): Promise<TwoPatients> {
  const world = await createConsentWorld();
  const a = await sideOf(world, 'a', {
    patient: [world.patient, IDS.patient],
    doctor: [world.doctor, IDS.doctor],
    hospital: [world.hospital, IDS.hospital],
    pharmacy: [world.pharmacy, IDS.pharmacy],
    insurer: [world.insurer, IDS.insurer],
  });
  const b = await sideOf(world, 'b', {
    patient: [world.otherPatient, IDS.otherPatient],
    doctor: [world.otherDoctor, IDS.otherDoctor],
    hospital: [await world.actor('hospital', 'hos-other01'), 'hos-other01'],
    pharmacy: [await world.actor('pharmacy', 'pha-other01'), 'pha-other01'],
    insurer: [await world.actor('insurer', 'ins-other01'), 'ins-other01'],
  });
  return { world, a, b };
}

type Party = [LedgerIdentity, string];

async function sideOf(world: ConsentWorld, tag: 'a' | 'b', parties: Record<'patient' | 'doctor' | 'hospital' | 'pharmacy' | 'insurer', Party>): Promise<Side> {
  const [patient, patientId] = parties.patient;
  const [doctor, doctorId] = parties.doctor;
  const [hospital, hospitalId] = parties.hospital;
  const [pharmacy, pharmacyId] = parties.pharmacy;
  const [insurer, insurerId] = parties.insurer;
  const submit = async (who: LedgerIdentity, fn: string, args: string[], transient: Record<string, unknown> = {}): Promise<TransactionResult> => {
    const encoded = Object.fromEntries(Object.entries(transient).map(([field, value]) => [field, JSON.stringify(value)]));
    return world.ledger.submit(who, fn, args, { transient: encoded });
  };
  const consent = async (granteeId: string, actions: string[], categories: readonly string[]): Promise<string> =>
    (await grant(world, patient, granteeId, { actions, scope: { categories: [...categories] }, validUntil: world.at(300 * DAY) })).id;

  const grantId = await consent(doctorId, ['view', 'edit'], DATA_CATEGORIES);
  await consent(hospitalId, ['view', 'edit'], DATA_CATEGORIES);
  await consent(pharmacyId, ['view'], ['prescription']);
  await consent(insurerId, ['view'], ['insurance', 'billing']);
  const delegation = parsed(surface.delegationView, await submit(patient, 'Consent:grantDelegation', [IDS.delegate, world.at(300 * DAY)]));

  const ownFile = `fil-${tag}-own01`;
  const noteFile = `fil-${tag}-note1`;
  await createFile(world, patient, ownFile, patientId, 'lab');
  await createFile(world, doctor, noteFile, patientId, 'lab');
  const amendmentContent = sha256Hex(`corrected ${noteFile}`);
  const amendment = parsed(surface.amendment, await proposeAmendment(world, patient, noteFile, { content: amendmentContent }));

  const prescription = `rx-${tag}-00001`;
  await submit(doctor, 'Prescription:issue', [prescription, patientId, '10', '0', world.at(90 * DAY)], { prescription: ITEMS });
  const order = `ord-${tag}-00001`;
  await submit(patient, 'Prescription:placeOrder', [order, prescription, pharmacyId, '5', 'online']);

  const appointment = `apt-${tag}-00001`;
  await submit(patient, 'Appointment:book', [appointment, doctorId, world.at(DAY), world.at(DAY + HOUR)], { appointment: { reason: 'check-up' } });

  const service = parsed(surface.serviceRequest, await submit(patient, 'HospitalService:requestEstimate', [hospitalId, 'LAB-CBC'], { service: { details: 'blood count' } })).id;
  await submit(hospital, 'HospitalService:quote', [service, '4500', 'EUR', world.at(7 * DAY)]);
  await submit(patient, 'HospitalService:accept', [service]);
  await submit(patient, 'HospitalService:recordPayment', [service, 'online', `pay-${tag}-0001`]);
  await submit(hospital, 'HospitalService:confirmPayment', [service]);

  const packageId = `pkg-${tag}-basic`;
  const termsSha256 = sha256Hex(`terms of ${packageId}`);
  await submit(insurer, 'Insurance:publishPackage', [packageId, termsSha256, String(PRICE), 'EUR', JSON.stringify({ categories: ['lab'], annualLimitMinor: 100000 }), 'Adults, 18-65']);
  const apply = (id: string) => submit(patient, 'Insurance:apply', [id, packageId, '1', termsSha256, world.at(7 * DAY), '']);
  const application = `app-${tag}-00001`;
  const pendingApplication = `app-${tag}-00002`;
  await apply(application);
  const policy = parsed(surface.applicationResponse, await submit(insurer, 'Insurance:respond', [application, termsSha256, String(PRICE)])).policy?.id;
  if (policy === undefined) {
    throw new Error(`the insurer's matching answer to ${application} issued no policy`);
  }
  await apply(pendingApplication);
  const claim = `clm-${tag}-00001`;
  await submit(patient, 'Insurance:submitClaim', [claim, policy, sha('c'), '1000'], { claim: { details: 'blood count' } });

  const request = parsed(surface.accessRequestView, await submit(doctor, 'Consent:requestAccess', [patientId, '["view"]', '{"categories":["lab"]}', 'TREAT', world.at(30 * DAY)])).id;
  const breakGlass = parsed(surface.breakGlassView, await submit(doctor, 'Consent:breakGlass', [patientId], { breakGlass: { reason: 'unconscious', salt: 'ab'.repeat(32) } })).id;

  return {
    tag,
    patient,
    patientId,
    doctor,
    doctorId,
    hospital,
    hospitalId,
    pharmacy,
    pharmacyId,
    insurer,
    insurerId,
    ownFile,
    noteFile,
    amendment: amendment.id,
    amendmentContent,
    prescription,
    order,
    appointment,
    service,
    packageId,
    termsSha256,
    application,
    pendingApplication,
    policy,
    claim,
    request,
    grant: grantId,
    delegation: delegation.id,
    breakGlass,
  };
}

/** The blobs a side's files hold (see blobOf). */
export function blobsOf(side: Side): { own: ReturnType<typeof blobOf>; note: ReturnType<typeof blobOf>; amendment: ReturnType<typeof blobOf> } {
  return { own: blobOf(side.ownFile), note: blobOf(side.noteFile), amendment: blobOf(side.noteFile, 'amendment') };
}
