import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { MedicineOrder } from '../models/medicine-order';
import { prescription } from '../contract';
import { PRESCRIPTION_TYPE, type Prescription } from '../models/prescription';
import { daysFromNow, grantConsent, publicObject, submitWithTransient } from './care';
import { createWorld, refusalCode, submitJson, type World } from './world';

/**
 * Prescription fixtures: a patient, a doctor allowed to prescribe for them and a pharmacy, with
 * helpers that issue, order and accept through the real Prescription contract. Each helper takes
 * the arguments a test varies and defaults the rest, so a test names only what it is about.
 */
export const ITEMS = {
  items: [
    { medicine: 'Amoxicillin 500 mg', dose: '1 capsule', frequency: 'three times daily', durationDays: 7 },
    { medicine: 'Ibuprofen 400 mg', dose: '1 tablet', instructions: 'with food, when needed' },
  ],
};

export const PATIENT = 'pat-alice01';
export const DOCTOR = 'doc-bob0001';
export const PHARMACY = 'pha-carol01';
export const OTHER_PHARMACY = 'pha-dave001';

export interface Rx {
  world: World;
  patient: LedgerIdentity;
  doctor: LedgerIdentity;
  pharmacy: LedgerIdentity;
}

/** A patient, a doctor holding the patient's 'edit' grant on prescriptions, and a verified pharmacy. */
export async function rxWorld(): Promise<Rx> {
  const world = await createWorld();
  const patient = await world.actor('patient', PATIENT);
  const doctor = await world.actor('doctor', DOCTOR);
  const pharmacy = await world.actor('pharmacy', PHARMACY);
  await grantConsent(world, patient, DOCTOR, { actions: ['edit'], scope: { categories: ['prescription'] } });
  return { world, patient, doctor, pharmacy };
}

export interface IssueOptions {
  id?: string;
  patientId?: string;
  total?: number;
  refills?: number;
  validUntil?: string;
  by?: LedgerIdentity;
  transient?: Record<string, unknown>;
}

export function issueArgs(rx: Rx, options: IssueOptions): string[] {
  return [
    options.id ?? 'rx-0001',
    options.patientId ?? PATIENT,
    String(options.total ?? 30),
    String(options.refills ?? 0),
    options.validUntil ?? daysFromNow(rx.world, 60),
  ];
}

export async function issue(rx: Rx, options: IssueOptions = {}): Promise<Prescription> {
  return submitWithTransient<Prescription>(rx.world, options.by ?? rx.doctor, 'Prescription:issue', issueArgs(rx, options), options.transient ?? { prescription: ITEMS });
}

export function issueRefusal(rx: Rx, options: IssueOptions = {}): Promise<string> {
  return refusalCode(issue(rx, options));
}

export interface OrderOptions {
  id?: string;
  prescriptionId?: string;
  pharmacyId?: string;
  quantity?: number;
  paymentMethod?: string;
  by?: LedgerIdentity;
}

export async function placeOrder(rx: Rx, options: OrderOptions = {}): Promise<MedicineOrder> {
  return submitJson<MedicineOrder>(rx.world, options.by ?? rx.patient, 'Prescription:placeOrder', [
    options.id ?? 'ord-0001',
    options.prescriptionId ?? 'rx-0001',
    options.pharmacyId ?? PHARMACY,
    String(options.quantity ?? 30),
    options.paymentMethod ?? 'online',
  ]);
}

/** Grants the pharmacy view on the prescription category. */
export async function consentPharmacy(rx: Rx, pharmacyId = PHARMACY): Promise<string> {
  return grantConsent(rx.world, rx.patient, pharmacyId, { actions: ['view'], scope: { categories: ['prescription'] } });
}

/** Issued prescription + a placed order (which gives the pharmacy its consent). */
export async function placedOrder(rx: Rx, issueOptions: IssueOptions = {}, orderOptions: OrderOptions = {}): Promise<MedicineOrder> {
  await issue(rx, issueOptions);
  return placeOrder(rx, orderOptions);
}

export async function accepted(rx: Rx, orderId = 'ord-0001'): Promise<MedicineOrder> {
  return submitJson<MedicineOrder>(rx.world, rx.pharmacy, 'Prescription:acceptOrder', [orderId]);
}

/** Issued prescription + pharmacy consent + an order placed and accepted by the pharmacy. */
export async function acceptedOrder(rx: Rx, issueOptions: IssueOptions = {}, orderOptions: OrderOptions = {}): Promise<MedicineOrder> {
  await placedOrder(rx, issueOptions, orderOptions);
  return accepted(rx, orderOptions.id);
}

/** A fresh prescription world with prescription rx-0001 issued (see issue). */
export async function worldWithPrescription(): Promise<Rx> {
  const rx = await rxWorld();
  await issue(rx);
  return rx;
}

/** A fresh prescription world whose order ord-0001 is placed (see placedOrder). */
export async function worldWithPlacedOrder(issueOptions: IssueOptions = {}, orderOptions: OrderOptions = {}): Promise<Rx> {
  const rx = await rxWorld();
  await placedOrder(rx, issueOptions, orderOptions);
  return rx;
}

/** A fresh prescription world whose order ord-0001 is placed and accepted (see acceptedOrder). */
export async function worldWithAcceptedOrder(issueOptions: IssueOptions = {}, orderOptions: OrderOptions = {}): Promise<Rx> {
  const rx = await rxWorld();
  await acceptedOrder(rx, issueOptions, orderOptions);
  return rx;
}

export async function dispensed(rx: Rx, orderId = 'ord-0001'): Promise<MedicineOrder> {
  return submitJson<MedicineOrder>(rx.world, rx.pharmacy, 'Prescription:dispense', [orderId]);
}

/**
 * The refusal code when `who` takes one step on a prescription or an order, named by its ID
 * (the first order unless told): the one call every "then it is refused" test makes.
 */
export function stepRefusal(rx: Rx, who: LedgerIdentity, transaction: string, id = 'ord-0001'): Promise<string> {
  return refusalCode(rx.world.ledger.submit(who, `Prescription:${transaction}`, [id]));
}

export function prescriptionOnLedger(rx: Rx, id = 'rx-0001'): Prescription | undefined {
  return publicObject(rx.world, prescription, PRESCRIPTION_TYPE, [id]);
}

/**
 * A prescription of `total` units with two accepted orders of `quantity` each: ord-0001 at the
 * pharmacy and ord-0002 at a second pharmacy, both consented. Returns the second pharmacy.
 */
export async function acceptedByTwoPharmacies(rx: Rx, { total, quantity }: { total: number; quantity: number }): Promise<LedgerIdentity> {
  await issue(rx, { total });
  await consentPharmacy(rx);
  const other = await rx.world.actor('pharmacy', OTHER_PHARMACY);
  await consentPharmacy(rx, OTHER_PHARMACY);
  await placeOrder(rx, { id: 'ord-0001', quantity });
  await placeOrder(rx, { id: 'ord-0002', quantity, pharmacyId: OTHER_PHARMACY });
  await accepted(rx, 'ord-0001');
  await rx.world.ledger.submit(other, 'Prescription:acceptOrder', ['ord-0002']);
  return other;
}
