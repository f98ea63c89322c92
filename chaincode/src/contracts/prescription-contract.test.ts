import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { AccessLogEntry } from '../models/access-log-entry';
import type { MedicineOrder } from '../models/medicine-order';
import { PRESCRIPTION_DETAILS_TYPE, PRESCRIPTION_TYPE, type Prescription, type PrescriptionDetails } from '../models/prescription';
import {
  advanceDays,
  daysFromNow,
  eventPayload,
  grantConsent,
  ledgerMark,
  privateState,
  publicState,
  revokeConsent,
  submitWithTransient,
  suspend,
} from '../test-support/care';
import { createWorld, evaluateJson, refusalCode, submitJson, type World } from '../test-support/world';

const ITEMS = {
  items: [
    { medicine: 'Amoxicillin 500 mg', dose: '1 capsule', frequency: 'three times daily', durationDays: 7 },
    { medicine: 'Ibuprofen 400 mg', dose: '1 tablet', instructions: 'with food, when needed' },
  ],
};

const PATIENT = 'pat-alice01';
const DOCTOR = 'doc-bob0001';
const PHARMACY = 'pha-carol01';
const OTHER_PHARMACY = 'pha-dave001';

interface Rx {
  world: World;
  patient: LedgerIdentity;
  doctor: LedgerIdentity;
  pharmacy: LedgerIdentity;
}

/** A patient, a doctor holding the patient's 'edit' grant on prescriptions, and a verified pharmacy. */
async function rxWorld(): Promise<Rx> {
  const world = await createWorld();
  const patient = await world.actor('patient', PATIENT);
  const doctor = await world.actor('doctor', DOCTOR);
  const pharmacy = await world.actor('pharmacy', PHARMACY);
  await grantConsent(world, patient, DOCTOR, { actions: ['edit'], scope: { categories: ['prescription'] } });
  return { world, patient, doctor, pharmacy };
}

interface IssueOptions {
  id?: string;
  patientId?: string;
  total?: number;
  refills?: number;
  validUntil?: string;
  by?: LedgerIdentity;
  transient?: Record<string, unknown>;
}

function issueArgs(rx: Rx, options: IssueOptions): string[] {
  return [
    options.id ?? 'rx-0001',
    options.patientId ?? PATIENT,
    String(options.total ?? 30),
    String(options.refills ?? 0),
    options.validUntil ?? daysFromNow(rx.world, 60),
  ];
}

async function issue(rx: Rx, options: IssueOptions = {}): Promise<Prescription> {
  return submitWithTransient<Prescription>(rx.world, options.by ?? rx.doctor, 'Prescription:issue', issueArgs(rx, options), options.transient ?? { prescription: ITEMS });
}

function issueRefusal(rx: Rx, options: IssueOptions = {}): Promise<string> {
  return refusalCode(issue(rx, options));
}

interface OrderOptions {
  id?: string;
  prescriptionId?: string;
  pharmacyId?: string;
  quantity?: number;
  paymentMethod?: string;
  by?: LedgerIdentity;
}

async function placeOrder(rx: Rx, options: OrderOptions = {}): Promise<MedicineOrder> {
  return submitJson<MedicineOrder>(rx.world, options.by ?? rx.patient, 'Prescription:placeOrder', [
    options.id ?? 'ord-0001',
    options.prescriptionId ?? 'rx-0001',
    options.pharmacyId ?? PHARMACY,
    String(options.quantity ?? 30),
    options.paymentMethod ?? 'online',
  ]);
}

/** Grants the pharmacy view on the prescription category. */
async function consentPharmacy(rx: Rx, pharmacyId = PHARMACY): Promise<string> {
  return grantConsent(rx.world, rx.patient, pharmacyId, { actions: ['view'], scope: { categories: ['prescription'] } });
}

/** Issued prescription + pharmacy consent + a placed order. */
async function placedOrder(rx: Rx, issueOptions: IssueOptions = {}, orderOptions: OrderOptions = {}): Promise<MedicineOrder> {
  await issue(rx, issueOptions);
  await consentPharmacy(rx);
  return placeOrder(rx, orderOptions);
}

async function accepted(rx: Rx, orderId = 'ord-0001'): Promise<MedicineOrder> {
  return submitJson<MedicineOrder>(rx.world, rx.pharmacy, 'Prescription:acceptOrder', [orderId]);
}

function prescriptionOnLedger(rx: Rx, id = 'rx-0001'): Prescription | undefined {
  return publicState<Prescription>(rx.world, PRESCRIPTION_TYPE, [id]);
}

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
    expect(privateState<PrescriptionDetails>(rx.world, PRESCRIPTION_DETAILS_TYPE, ['rx-0001'])).toEqual({
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
    const rx = await rxWorld();
    await issue(rx);

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
    const rx = await rxWorld();
    await issue(rx);
    await consentPharmacy(rx);

    const result = await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'cancelled', cancelledAt: rx.world.now().toISOString() });
    expect(prescriptionOnLedger(rx)?.status).toBe('cancelled');
    expect(result.event?.eventName).toBe('cancel');
    expect(eventPayload(result)).toMatchObject({ prescriptionId: 'rx-0001', status: 'cancelled' });
    expect(await refusalCode(placeOrder(rx))).toBe('INVALID_STATE');
  });

  it('when another doctor cancels, then it is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    const other = await rx.world.actor('doctor', 'doc-other01');
    await grantConsent(rx.world, rx.patient, 'doc-other01', { actions: ['edit'] });

    expect(await refusalCode(rx.world.ledger.submit(other, 'Prescription:cancel', ['rx-0001']))).toBe('NOT_OWNER');
  });

  it('when the patient cancels, then the role is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);

    expect(await refusalCode(rx.world.ledger.submit(rx.patient, 'Prescription:cancel', ['rx-0001']))).toBe('ROLE_FORBIDDEN');
  });

  it('when something was already dispensed, then cancelling is refused and the prescription stays active', async () => {
    const rx = await rxWorld();
    await placedOrder(rx, { total: 10, refills: 1 }, { quantity: 10 });
    await accepted(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);

    expect(await refusalCode(rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']))).toBe('INVALID_STATE');
    expect(prescriptionOnLedger(rx)?.status).toBe('active');
  });

  it('when the prescription is already cancelled or does not exist, then cancelling is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']);

    expect(await refusalCode(rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']))).toBe('INVALID_STATE');
    expect(await refusalCode(rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-9999']))).toBe('NOT_FOUND');
  });
});

describe('Prescription:placeOrder', () => {
  it('when the patient has granted the pharmacy view on prescriptions, then the order is placed with that consent as its basis', async () => {
    const rx = await rxWorld();
    await issue(rx);
    const grantId = await consentPharmacy(rx);

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:placeOrder', ['ord-0001', 'rx-0001', PHARMACY, '20', 'cash-on-delivery']);

    const order = JSON.parse(result.payload) as MedicineOrder;
    expect(order).toMatchObject({
      id: 'ord-0001',
      prescriptionId: 'rx-0001',
      patientId: PATIENT,
      pharmacyId: PHARMACY,
      quantity: 20,
      paymentMethod: 'cash-on-delivery',
      status: 'placed',
      consentBasis: 'grant',
      consentGrantId: grantId,
    });
    expect(prescriptionOnLedger(rx)?.remaining).toBe(30);
    expect(result.event?.eventName).toBe('placeOrder');
    expect(eventPayload(result)).toEqual({
      orderId: 'ord-0001',
      prescriptionId: 'rx-0001',
      patientId: PATIENT,
      pharmacyId: PHARMACY,
      status: 'placed',
      at: rx.world.now().toISOString(),
    });
  });

  it('when the grant names exactly this prescription (selective disclosure), then the order is placed', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await grantConsent(rx.world, rx.patient, PHARMACY, { scope: { recordIds: ['rx-0001'] } });

    expect((await placeOrder(rx)).status).toBe('placed');
  });

  it('when no order ID is given, then one is derived from the transaction ID', async () => {
    const rx = await rxWorld();

    const order = await placedOrder(rx, {}, { id: '' });

    expect(order.id).toMatch(/^ord-[0-9a-f]{24}$/);
  });

  it('when the pharmacy has no consent, then the order is refused and nothing is written', async () => {
    const rx = await rxWorld();
    await issue(rx);
    const mark = ledgerMark(rx.world);

    expect(await refusalCode(placeOrder(rx))).toBe('CONSENT_REQUIRED');
    expect(ledgerMark(rx.world)).toEqual(mark);
  });

  it('when the grant covers another prescription only, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await issue(rx, { id: 'rx-0002' });
    await grantConsent(rx.world, rx.patient, PHARMACY, { scope: { recordIds: ['rx-0002'] } });

    expect(await refusalCode(placeOrder(rx))).toBe('CONSENT_REQUIRED');
    expect((await placeOrder(rx, { prescriptionId: 'rx-0002' })).status).toBe('placed');
  });

  it('when another pharmacy holds the grant, then ordering from this one is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await rx.world.actor('pharmacy', OTHER_PHARMACY);
    await consentPharmacy(rx, OTHER_PHARMACY);

    expect(await refusalCode(placeOrder(rx))).toBe('CONSENT_REQUIRED');
  });

  it('when the pharmacy\'s grant has expired or was revoked, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    const grantId = await grantConsent(rx.world, rx.patient, PHARMACY, { validUntil: daysFromNow(rx.world, 1) });
    await revokeConsent(rx.world, rx.patient, grantId);
    expect(await refusalCode(placeOrder(rx))).toBe('CONSENT_REQUIRED');

    await grantConsent(rx.world, rx.patient, PHARMACY, { validUntil: daysFromNow(rx.world, 1) });
    advanceDays(rx.world, 2);
    expect(await refusalCode(placeOrder(rx))).toBe('CONSENT_REQUIRED');
  });

  it('when the grant gives the pharmacy edit but not view, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await grantConsent(rx.world, rx.patient, PHARMACY, { actions: ['edit'] });

    expect(await refusalCode(placeOrder(rx))).toBe('CONSENT_REQUIRED');
  });

  it('when the pharmacy is unverified, suspended or not a pharmacy, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await rx.world.actor('pharmacy', 'pha-newbie1', { verify: false });
    await consentPharmacy(rx);
    await suspend(rx.world, PHARMACY);

    expect(await refusalCode(placeOrder(rx, { pharmacyId: 'pha-newbie1' }))).toBe('NOT_VERIFIED');
    expect(await refusalCode(placeOrder(rx))).toBe('SUSPENDED');
    expect(await refusalCode(placeOrder(rx, { pharmacyId: DOCTOR }))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(placeOrder(rx, { pharmacyId: 'pha-ghost01' }))).toBe('NOT_FOUND');
  });

  it('when the patient ordering is suspended, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await consentPharmacy(rx);
    await suspend(rx.world, PATIENT);

    expect(await refusalCode(placeOrder(rx))).toBe('SUSPENDED');
  });

  it('when someone other than the prescription\'s patient orders, then it is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await consentPharmacy(rx);
    const mallory = await rx.world.actor('patient', 'pat-mallory');
    await grantConsent(rx.world, mallory, PHARMACY);

    expect(await refusalCode(placeOrder(rx, { by: mallory }))).toBe('NOT_OWNER');
    expect(await refusalCode(placeOrder(rx, { by: rx.doctor }))).toBe('ROLE_FORBIDDEN');
  });

  it('when the quantity exceeds one fill or what remains, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx, { total: 10, refills: 1 });
    await consentPharmacy(rx);

    expect(await refusalCode(placeOrder(rx, { quantity: 11 }))).toBe('QUANTITY_EXCEEDED');
    await placeOrder(rx, { quantity: 10 });
    await accepted(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);
    await placeOrder(rx, { id: 'ord-0002', quantity: 4 });
    await accepted(rx, 'ord-0002');
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0002']);

    expect(await refusalCode(placeOrder(rx, { id: 'ord-0003', quantity: 7 }))).toBe('QUANTITY_EXCEEDED');
    expect((await placeOrder(rx, { id: 'ord-0003', quantity: 6 })).status).toBe('placed');
  });

  it('when the prescription has expired, then the order is refused', async () => {
    const rx = await rxWorld();
    await issue(rx, { validUntil: daysFromNow(rx.world, 5) });
    await grantConsent(rx.world, rx.patient, PHARMACY, { validUntil: daysFromNow(rx.world, 30) });
    advanceDays(rx.world, 6);

    expect(await refusalCode(placeOrder(rx))).toBe('DEADLINE_PASSED');
  });

  it('when the order ID is taken, then the second order is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx, {}, { quantity: 5 });

    expect(await refusalCode(placeOrder(rx, { quantity: 5 }))).toBe('ALREADY_EXISTS');
  });

  it.each<[string, OrderOptions]>([
    ['a zero quantity', { quantity: 0 }],
    ['an unknown payment method', { paymentMethod: 'barter' }],
    ['a malformed pharmacy ID', { pharmacyId: 'Carol Pharmacy' }],
    ['a malformed order ID', { id: '#1' }],
  ])('when ordering with %s, then the input is refused', async (_label, options) => {
    const rx = await rxWorld();
    await issue(rx);
    await consentPharmacy(rx);

    expect(await refusalCode(placeOrder(rx, options))).toBe('INVALID_ARGUMENT');
  });

  it('when the prescription does not exist, then the order is refused', async () => {
    const rx = await rxWorld();
    await consentPharmacy(rx);

    expect(await refusalCode(placeOrder(rx, { prescriptionId: 'rx-9999' }))).toBe('NOT_FOUND');
  });
});

describe('Prescription:acceptOrder / rejectOrder / cancelOrder', () => {
  it('when the pharmacy accepts a placed order, then it is accepted', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:acceptOrder', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'accepted', acceptedAt: rx.world.now().toISOString() });
    expect(result.event?.eventName).toBe('acceptOrder');
    expect(eventPayload(result)).toMatchObject({ orderId: 'ord-0001', status: 'accepted' });
  });

  it('when the pharmacy rejects a placed order, then it is rejected and can no longer be accepted', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:rejectOrder', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'rejected', rejectedAt: rx.world.now().toISOString() });
    expect(result.event?.eventName).toBe('rejectOrder');
    expect(await refusalCode(accepted(rx))).toBe('INVALID_STATE');
  });

  it('when another pharmacy accepts or rejects the order, then it is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);

    expect(await refusalCode(rx.world.ledger.submit(other, 'Prescription:acceptOrder', ['ord-0001']))).toBe('NOT_OWNER');
    expect(await refusalCode(rx.world.ledger.submit(other, 'Prescription:rejectOrder', ['ord-0001']))).toBe('NOT_OWNER');
  });

  it('when the patient tries to accept, then the role is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);

    expect(await refusalCode(rx.world.ledger.submit(rx.patient, 'Prescription:acceptOrder', ['ord-0001']))).toBe('ROLE_FORBIDDEN');
  });

  it('when the pharmacy is suspended, then accepting is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await suspend(rx.world, PHARMACY);

    expect(await refusalCode(accepted(rx))).toBe('SUSPENDED');
  });

  it('when an accepted order is accepted again or rejected, then the transition is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await accepted(rx);

    expect(await refusalCode(accepted(rx))).toBe('INVALID_STATE');
    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:rejectOrder', ['ord-0001']))).toBe('INVALID_STATE');
  });

  it('when the prescription was cancelled after ordering, then accepting is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0001']);

    expect(await refusalCode(accepted(rx))).toBe('INVALID_STATE');
  });

  it('when the patient cancels an accepted order, then it is cancelled and cannot be dispensed', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await accepted(rx);

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:cancelOrder', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'cancelled' });
    expect(result.event?.eventName).toBe('cancelOrder');
    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']))).toBe('INVALID_STATE');
  });

  it('when another patient cancels the order, then it is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    const mallory = await rx.world.actor('patient', 'pat-mallory');

    expect(await refusalCode(rx.world.ledger.submit(mallory, 'Prescription:cancelOrder', ['ord-0001']))).toBe('NOT_OWNER');
  });

  it('when the order does not exist, then accepting is refused', async () => {
    const rx = await rxWorld();

    expect(await refusalCode(accepted(rx, 'ord-9999'))).toBe('NOT_FOUND');
  });
});

describe('Prescription:readPrescriptionForOrder', () => {
  it('when the order\'s pharmacy reads, then it gets the items and the read is in the patient\'s access log', async () => {
    const rx = await rxWorld();
    const grantId = await consentPharmacy(rx);
    await issue(rx);
    await placeOrder(rx);

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:readPrescriptionForOrder', ['ord-0001']);

    const read = JSON.parse(result.payload) as { items: unknown; order: MedicineOrder; prescription: Prescription };
    expect(read.items).toEqual(ITEMS.items);
    expect(read.order.id).toBe('ord-0001');
    expect(read.prescription.id).toBe('rx-0001');
    expect(result.event?.eventName).toBe('readPrescriptionForOrder');
    expect(JSON.stringify(eventPayload(result))).not.toMatch(/Amoxicillin|items/);
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === PHARMACY)).toEqual([
      expect.objectContaining({
        accessorId: PHARMACY,
        accessorRole: 'pharmacy',
        action: 'view',
        category: 'prescription',
        recordId: 'rx-0001',
        resourceType: 'prescription',
        resourceId: 'rx-0001',
        basis: 'grant',
        grantId,
        txId: result.txId,
      }),
    ]);
  });

  it('when the patient revoked the pharmacy\'s grant after ordering, then the read is refused and not logged', async () => {
    const rx = await rxWorld();
    const grantId = await consentPharmacy(rx);
    await issue(rx);
    await placeOrder(rx);
    await revokeConsent(rx.world, rx.patient, grantId);
    const mark = ledgerMark(rx.world);

    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:readPrescriptionForOrder', ['ord-0001']))).toBe('CONSENT_REQUIRED');
    expect(ledgerMark(rx.world)).toEqual(mark);
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === PHARMACY)).toEqual([]);
  });

  it('when another pharmacy reads through the order, then it is refused even with its own grant', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);
    await consentPharmacy(rx, OTHER_PHARMACY);

    expect(await refusalCode(rx.world.ledger.submit(other, 'Prescription:readPrescriptionForOrder', ['ord-0001']))).toBe('NOT_OWNER');
  });

  it('when the order was rejected, then reading through it is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:rejectOrder', ['ord-0001']);

    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:readPrescriptionForOrder', ['ord-0001']))).toBe('INVALID_STATE');
  });
});

describe('Prescription:readPrescription', () => {
  it('when the patient reads their prescription, then the items come back and the read is logged as the owner\'s', async () => {
    const rx = await rxWorld();
    await issue(rx);

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:readPrescription', ['rx-0001']);

    expect((JSON.parse(result.payload) as { items: unknown }).items).toEqual(ITEMS.items);
    expect(result.event?.eventName).toBe('readPrescription');
    const log = await evaluateJson<{ items: AccessLogEntry[] }>(rx.world, rx.patient, 'AccessLog:listMine', ['10', '']);
    expect(log.items.filter((entry) => entry.accessorId === PATIENT)).toEqual([
      expect.objectContaining({ action: 'view', basis: 'owner', resourceId: 'rx-0001', txId: result.txId }),
    ]);
  });

  it('when a doctor holding only an edit grant reads the items, then it is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);

    expect(await refusalCode(rx.world.ledger.submit(rx.doctor, 'Prescription:readPrescription', ['rx-0001']))).toBe('CONSENT_REQUIRED');
  });
});

describe('Prescription:dispense', () => {
  it('when the pharmacy dispenses an accepted order, then remaining falls by its quantity in the same transaction', async () => {
    const rx = await rxWorld();
    await placedOrder(rx, { total: 30, refills: 2 }, { quantity: 30 });
    await accepted(rx);

    const result = await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'dispensed', dispensedAt: rx.world.now().toISOString() });
    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 60, dispensedQuantity: 30, dispenseCount: 1, status: 'active' });
    expect(result.event?.eventName).toBe('dispense');
    expect(eventPayload(result)).toMatchObject({ orderId: 'ord-0001', status: 'dispensed', prescriptionStatus: 'active' });
  });

  it('when the last units are dispensed, then the prescription is completed', async () => {
    const rx = await rxWorld();
    await placedOrder(rx, { total: 30 }, { quantity: 30 });
    await accepted(rx);

    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);

    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 0, status: 'completed', completedAt: rx.world.now().toISOString() });
    expect(await refusalCode(placeOrder(rx, { id: 'ord-0002', quantity: 1 }))).toBe('INVALID_STATE');
  });

  it('when two pharmacies hold orders whose sum exceeds what remains, then the second dispense is refused and nothing changes', async () => {
    const rx = await rxWorld();
    await issue(rx, { total: 10 });
    await consentPharmacy(rx);
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);
    await consentPharmacy(rx, OTHER_PHARMACY);
    await placeOrder(rx, { id: 'ord-0001', quantity: 6 });
    await placeOrder(rx, { id: 'ord-0002', quantity: 6, pharmacyId: OTHER_PHARMACY });
    await accepted(rx, 'ord-0001');
    await rx.world.ledger.submit(other, 'Prescription:acceptOrder', ['ord-0002']);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);
    const mark = ledgerMark(rx.world);

    expect(await refusalCode(rx.world.ledger.submit(other, 'Prescription:dispense', ['ord-0002']))).toBe('QUANTITY_EXCEEDED');
    expect(ledgerMark(rx.world)).toEqual(mark);
    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 4, dispensedQuantity: 6 });
    const second = await evaluateJson<MedicineOrder>(rx.world, other, 'Prescription:getOrder', ['ord-0002']);
    expect(second.status).toBe('accepted');
  });

  it('when two over-committing dispenses are submitted at the same time, then exactly one commits', async () => {
    const rx = await rxWorld();
    await issue(rx, { total: 10 });
    await consentPharmacy(rx);
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);
    await consentPharmacy(rx, OTHER_PHARMACY);
    await placeOrder(rx, { id: 'ord-0001', quantity: 7 });
    await placeOrder(rx, { id: 'ord-0002', quantity: 7, pharmacyId: OTHER_PHARMACY });
    await accepted(rx, 'ord-0001');
    await rx.world.ledger.submit(other, 'Prescription:acceptOrder', ['ord-0002']);

    // Both read the same prescription key; on a peer the loser fails MVCC validation, here the
    // serialised simulator makes it see the winner's write and refuse with QUANTITY_EXCEEDED.
    const outcomes = await Promise.allSettled([
      rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']),
      rx.world.ledger.submit(other, 'Prescription:dispense', ['ord-0002']),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(String((refused as PromiseRejectedResult).reason)).toContain('QUANTITY_EXCEEDED');
    expect(prescriptionOnLedger(rx)).toMatchObject({ remaining: 3, dispensedQuantity: 7, dispenseCount: 1 });
  });

  it('when the order is only placed, then dispensing is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);

    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']))).toBe('INVALID_STATE');
  });

  it('when another pharmacy dispenses the order, then it is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await accepted(rx);
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);

    expect(await refusalCode(rx.world.ledger.submit(other, 'Prescription:dispense', ['ord-0001']))).toBe('NOT_OWNER');
  });

  it('when the prescription expired after acceptance, then dispensing is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx, { validUntil: daysFromNow(rx.world, 3) });
    await accepted(rx);
    advanceDays(rx.world, 4);

    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']))).toBe('DEADLINE_PASSED');
  });

  it('when the order was already dispensed, then a second dispense is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx, { total: 10, refills: 3 }, { quantity: 10 });
    await accepted(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);

    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']))).toBe('INVALID_STATE');
    expect(prescriptionOnLedger(rx)?.remaining).toBe(30);
  });
});

describe('Prescription:confirmReceipt', () => {
  it('when the patient confirms a dispensed order, then it is received', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await accepted(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);

    const result = await rx.world.ledger.submit(rx.patient, 'Prescription:confirmReceipt', ['ord-0001']);

    expect(JSON.parse(result.payload)).toMatchObject({ status: 'received', receivedAt: rx.world.now().toISOString() });
    expect(result.event?.eventName).toBe('confirmReceipt');
  });

  it('when the order was not dispensed yet, then confirming is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await accepted(rx);

    expect(await refusalCode(rx.world.ledger.submit(rx.patient, 'Prescription:confirmReceipt', ['ord-0001']))).toBe('INVALID_STATE');
  });

  it('when the pharmacy or another patient confirms, then it is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    await accepted(rx);
    await rx.world.ledger.submit(rx.pharmacy, 'Prescription:dispense', ['ord-0001']);
    const mallory = await rx.world.actor('patient', 'pat-mallory');

    expect(await refusalCode(rx.world.ledger.submit(rx.pharmacy, 'Prescription:confirmReceipt', ['ord-0001']))).toBe('ROLE_FORBIDDEN');
    expect(await refusalCode(rx.world.ledger.submit(mallory, 'Prescription:confirmReceipt', ['ord-0001']))).toBe('NOT_OWNER');
  });
});

describe('Prescription reads', () => {
  it('when the patient, the issuing doctor or a consented pharmacy gets a prescription, then its public state is returned; others are refused', async () => {
    const rx = await rxWorld();
    await issue(rx);
    await consentPharmacy(rx);
    const stranger = await rx.world.actor('doctor', 'doc-other01');

    for (const who of [rx.patient, rx.doctor, rx.pharmacy]) {
      expect((await evaluateJson<Prescription>(rx.world, who, 'Prescription:getPrescription', ['rx-0001'])).id).toBe('rx-0001');
    }
    expect(await refusalCode(rx.world.ledger.evaluate(stranger, 'Prescription:getPrescription', ['rx-0001']))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:getPrescription', ['rx-9999']))).toBe('NOT_FOUND');
  });

  it('when the patient or the pharmacy gets an order, then it is returned; another pharmacy is refused', async () => {
    const rx = await rxWorld();
    await placedOrder(rx);
    const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);

    expect((await evaluateJson<MedicineOrder>(rx.world, rx.patient, 'Prescription:getOrder', ['ord-0001'])).status).toBe('placed');
    expect((await evaluateJson<MedicineOrder>(rx.world, rx.pharmacy, 'Prescription:getOrder', ['ord-0001'])).status).toBe('placed');
    expect(await refusalCode(rx.world.ledger.evaluate(other, 'Prescription:getOrder', ['ord-0001']))).toBe('CONSENT_REQUIRED');
  });

  it('when listing a patient\'s prescriptions by status, then pages follow the bookmark and the filter', async () => {
    const rx = await rxWorld();
    await issue(rx, { id: 'rx-0001' });
    await issue(rx, { id: 'rx-0002' });
    await issue(rx, { id: 'rx-0003' });
    await rx.world.ledger.submit(rx.doctor, 'Prescription:cancel', ['rx-0002']);

    const first = await evaluateJson<{ items: Prescription[]; bookmark: string }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '2', '']);
    const second = await evaluateJson<{ items: Prescription[]; bookmark: string }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '2', first.bookmark]);
    const active = await evaluateJson<{ items: Prescription[] }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, 'active', '10', '']);
    const cancelled = await evaluateJson<{ items: Prescription[] }>(rx.world, rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, 'cancelled', '10', '']);

    expect(first.items).toHaveLength(2);
    expect([...first.items, ...second.items].map((p) => p.id).sort()).toEqual(['rx-0001', 'rx-0002', 'rx-0003']);
    expect(active.items.map((p) => p.id)).toEqual(['rx-0001', 'rx-0003']);
    expect(cancelled.items.map((p) => p.id)).toEqual(['rx-0002']);
  });

  it('when someone without consent lists a patient\'s prescriptions or uses a bad filter, then it is refused', async () => {
    const rx = await rxWorld();
    await issue(rx);

    expect(await refusalCode(rx.world.ledger.evaluate(rx.pharmacy, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '10', '']))).toBe('CONSENT_REQUIRED');
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, 'lost', '10', '']))).toBe('INVALID_ARGUMENT');
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:listPrescriptionsByPatient', [PATIENT, '', '101', '']))).toBe('INVALID_ARGUMENT');
  });

  it('when the patient and the pharmacy list orders by status, then each sees the orders in that status', async () => {
    const rx = await rxWorld();
    await issue(rx, { total: 10, refills: 3 });
    await consentPharmacy(rx);
    await placeOrder(rx, { id: 'ord-0001', quantity: 5 });
    await placeOrder(rx, { id: 'ord-0002', quantity: 5 });
    await accepted(rx, 'ord-0002');

    const placed = await evaluateJson<{ items: MedicineOrder[] }>(rx.world, rx.pharmacy, 'Prescription:listOrdersByPharmacy', ['placed', '10', '']);
    const all = await evaluateJson<{ items: MedicineOrder[] }>(rx.world, rx.pharmacy, 'Prescription:listOrdersByPharmacy', ['', '10', '']);
    const mine = await evaluateJson<{ items: MedicineOrder[] }>(rx.world, rx.patient, 'Prescription:listOrdersByPatient', [PATIENT, 'accepted', '10', '']);

    expect(placed.items.map((o) => o.id)).toEqual(['ord-0001']);
    expect(all.items.map((o) => o.id).sort()).toEqual(['ord-0001', 'ord-0002']);
    expect(mine.items.map((o) => o.id)).toEqual(['ord-0002']);
    expect(await refusalCode(rx.world.ledger.evaluate(rx.patient, 'Prescription:listOrdersByPharmacy', ['', '10', '']))).toBe('ROLE_FORBIDDEN');
    const other = await rx.world.actor('patient', 'pat-mallory');
    expect(await refusalCode(rx.world.ledger.evaluate(other, 'Prescription:listOrdersByPatient', [PATIENT, '', '10', '']))).toBe('CONSENT_REQUIRED');
  });
});
