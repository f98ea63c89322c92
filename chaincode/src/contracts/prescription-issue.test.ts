import type { AccessLogEntry } from '../models/access-log-entry';
import { PRESCRIPTION_DETAILS_TYPE, type Prescription } from '../models/prescription';
import { advanceDays, daysFromNow, eventPayload, grantConsent, ledgerMark, privateState, suspend } from '../test-support/care';
import { consentPharmacy, dispensed, DOCTOR, issue, issueArgs, issueRefusal, ITEMS, PATIENT, PHARMACY, placeOrder, prescriptionOnLedger, rxWorld, stepRefusal, worldWithAcceptedOrder, worldWithPrescription, type IssueOptions } from '../test-support/prescriptions';
import { evaluateJson, refusalCode } from '../test-support/world';

describe('Prescription:issue', () => {
  it('when a verified doctor with edit consent issues, then public state holds quantities and status and the items only private data', async () => {
    const rx = await rxWorld();

    const result = await rx.world.ledger.submit(rx.doctor, 'Prescription:issue', issueArgs(rx, { total: 30, refills: 2 }), {
      transient: { prescription: JSON.stringify(ITEMS) },
    });

    const prescription = JSON.parse(result.payload) as Prescription;
    expect(prescription).toMatchObject({
      id: 'rx-0001',
      patientId: PATIENT,
      doctorId: DOCTOR,
      totalQuantity: 30,
      refills: 2,
      dispensableQuantity: 90,
      remaining: 90,
      dispensedQuantity: 0,
      status: 'active',
      issueBasis: 'grant',
      issuedAt: rx.world.now().toISOString(),
    });
    const onLedger = prescriptionOnLedger(rx);
    expect(onLedger).toEqual(prescription);
    expect(JSON.stringify(onLedger)).not.toMatch(/Amoxicillin|capsule|Ibuprofen/);
    expect(privateState(rx.world, PRESCRIPTION_DETAILS_TYPE, ['rx-0001'])).toEqual({
      prescriptionId: 'rx-0001',
      patientId: PATIENT,
      items: ITEMS.items,
    });
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items).toEqual([
      expect.objectContaining({ accessorId: DOCTOR, action: 'edit', category: 'prescription', recordId: 'rx-0001', basis: 'grant', txId: result.txId }),
    ]);
    expect(result.event?.eventName).toBe('issue');
    const payload = eventPayload(result);
    expect(payload).toMatchObject({ prescriptionId: 'rx-0001', patientId: PATIENT, doctorId: DOCTOR, status: 'active' });
    expect(JSON.stringify(payload)).not.toMatch(/Amoxicillin|capsule|Ibuprofen|items/);
  });

  it('when no prescription ID is given, then one is derived from the transaction ID', async () => {
    const rx = await rxWorld();

    const prescription = await issue(rx, { id: '' });

    expect(prescription.id).toMatch(/^rx-[0-9a-f]{24}$/);
    expect(prescriptionOnLedger(rx, prescription.id)).toBeDefined();
  });

  it('when a patient or a pharmacy tries to issue, then the role is refused', async () => {
    const rx = await rxWorld();

    expect(await issueRefusal(rx, { by: rx.patient })).toBe('ROLE_FORBIDDEN');
    expect(await issueRefusal(rx, { by: rx.pharmacy })).toBe('ROLE_FORBIDDEN');
  });

  it('when the doctor is not verified yet, then issuing is refused', async () => {
    const rx = await rxWorld();
    const newcomer = await rx.world.actor('doctor', 'doc-newbie1', { verify: false });

    expect(await issueRefusal(rx, { by: newcomer })).toBe('NOT_VERIFIED');
  });

  it('when the doctor is suspended, then issuing is refused and nothing is written', async () => {
    const rx = await rxWorld();
    await suspend(rx.world, DOCTOR);
    const mark = ledgerMark(rx.world);

    expect(await issueRefusal(rx)).toBe('SUSPENDED');
    expect(ledgerMark(rx.world)).toEqual(mark);
    expect(prescriptionOnLedger(rx)).toBeUndefined();
  });

  it('when the doctor has no consent from the patient, then issuing is refused and nothing is written', async () => {
    const rx = await rxWorld();
    const stranger = await rx.world.actor('doctor', 'doc-other01');
    const mark = ledgerMark(rx.world);

    expect(await issueRefusal(rx, { by: stranger })).toBe('CONSENT_REQUIRED');
    expect(ledgerMark(rx.world)).toEqual(mark);
    expect(privateState(rx.world, PRESCRIPTION_DETAILS_TYPE, ['rx-0001'])).toBeUndefined();
  });

  it('when the doctor may only view prescriptions, then issuing (an edit) is refused', async () => {
    const rx = await rxWorld();
    const viewer = await rx.world.actor('doctor', 'doc-viewer1');
    await grantConsent(rx.world, rx.patient, 'doc-viewer1', { actions: ['view'], scope: { categories: ['prescription'] } });

    expect(await issueRefusal(rx, { by: viewer })).toBe('CONSENT_REQUIRED');
  });

  it('when the consent covers another category only, then issuing is refused', async () => {
    const rx = await rxWorld();
    const labDoctor = await rx.world.actor('doctor', 'doc-labs001');
    await grantConsent(rx.world, rx.patient, 'doc-labs001', { actions: ['edit'], scope: { categories: ['lab'] } });

    expect(await issueRefusal(rx, { by: labDoctor })).toBe('CONSENT_REQUIRED');
  });

  it('when the doctor\'s consent has expired, then issuing is refused', async () => {
    const rx = await rxWorld();
    const shortTerm = await rx.world.actor('doctor', 'doc-short01');
    await grantConsent(rx.world, rx.patient, 'doc-short01', { actions: ['edit'], validUntil: daysFromNow(rx.world, 1) });
    advanceDays(rx.world, 2);

    expect(await issueRefusal(rx, { by: shortTerm })).toBe('CONSENT_REQUIRED');
  });

  it('when the prescription ID is taken, then the second issue is refused', async () => {
    const rx = await worldWithPrescription();

    expect(await issueRefusal(rx)).toBe('ALREADY_EXISTS');
  });

  it('when the patient does not exist or is not a patient, then issuing is refused', async () => {
    const rx = await rxWorld();

    expect(await issueRefusal(rx, { patientId: 'pat-ghost01' })).toBe('NOT_FOUND');
    expect(await issueRefusal(rx, { patientId: PHARMACY })).toBe('INVALID_ARGUMENT');
  });

  it.each<[string, IssueOptions]>([
    ['a malformed prescription ID', { id: 'x' }],
    ['a malformed patient ID', { patientId: 'Alice Smith' }],
    ['zero units per fill', { total: 0 }],
    ['a fractional quantity', { total: 2.5 }],
    ['negative refills', { refills: -1 }],
    ['too many refills', { refills: 13 }],
    ['a validUntil in the past', { validUntil: '2026-01-01T00:00:00Z' }],
    ['a validUntil beyond a year', { validUntil: '2028-01-01T00:00:00Z' }],
    ['a validUntil that is not an instant', { validUntil: 'next week' }],
    ['no transient prescription', { transient: {} }],
    ['an empty item list', { transient: { prescription: { items: [] } } }],
    ['an item without a dose', { transient: { prescription: { items: [{ medicine: 'Aspirin' }] } } }],
    ['an item with an unknown field', { transient: { prescription: { items: [{ medicine: 'Aspirin', dose: '1', diagnosis: 'x' }] } } }],
    ['an item with a bad duration', { transient: { prescription: { items: [{ medicine: 'Aspirin', dose: '1', durationDays: 0 }] } } }],
  ])('when issuing with %s, then the input is refused and nothing is written', async (_label, options) => {
    const rx = await rxWorld();
    const mark = ledgerMark(rx.world);

    expect(await issueRefusal(rx, options)).toBe('INVALID_ARGUMENT');
    expect(ledgerMark(rx.world)).toEqual(mark);
  });
});

describe('Prescription:cancel', () => {
  it('when the issuing doctor cancels an undispensed prescription, then it is cancelled and orders on it are refused', async () => {
    const rx = await worldWithPrescription();
    await consentPharmacy(rx);

    const result = await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'cancelled', cancelledAt: rx.world.now().toISOString() });
    expect(prescriptionOnLedger(rx)?.status).toBe('cancelled');
    expect(result.event?.eventName).toBe('cancel');
    expect(eventPayload(result)).toMatchObject({ prescriptionId: 'rx-0001', status: 'cancelled' });
    expect(await refusalCode(placeOrder(rx))).toBe('INVALID_STATE');
  });

  it('when another doctor cancels, then it is refused', async () => {
    const rx = await worldWithPrescription();
    const other = await rx.world.actor('doctor', 'doc-other01');
    await grantConsent(rx.world, rx.patient, 'doc-other01', { actions: ['edit'] });

    expect(await stepRefusal(rx, other, 'cancel', 'rx-0001')).toBe('NOT_OWNER');
  });

  it('when the patient cancels, then the role is refused', async () => {
    const rx = await worldWithPrescription();

    expect(await stepRefusal(rx, rx.patient, 'cancel', 'rx-0001')).toBe('ROLE_FORBIDDEN');
  });

  it('when something was already dispensed, then cancelling is refused and the prescription stays active', async () => {
    const rx = await worldWithAcceptedOrder({ total: 10, refills: 1 }, { quantity: 10 });
    await dispensed(rx);

    expect(await stepRefusal(rx, rx.doctor, 'cancel', 'rx-0001')).toBe('INVALID_STATE');
    expect(prescriptionOnLedger(rx)?.status).toBe('active');
  });

  it('when the prescription is already cancelled or does not exist, then cancelling is refused', async () => {
    const rx = await worldWithPrescription();
    await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']);

    expect(await stepRefusal(rx, rx.doctor, 'cancel', 'rx-0001')).toBe('INVALID_STATE');
    expect(await stepRefusal(rx, rx.doctor, 'cancel', 'rx-9999')).toBe('NOT_FOUND');
  });
});
