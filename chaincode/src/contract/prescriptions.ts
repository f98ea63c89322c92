import { z } from 'zod';
import { accessBasis } from './categories';
import { instant } from './formats';
import { objectId, stakeholderId } from './identifiers';
import { MAX_ITEM_DURATION_DAYS, MAX_ORDER_QUANTITY, MAX_PRESCRIPTION_ITEMS, MAX_REFILLS, MAX_UNITS_PER_FILL, PRESCRIPTION_ITEM_TEXT_MAX } from './limits';
import { count, ordinal, pageOf } from './pages';
import { orderPaymentMethod } from './payments';
import { orderStatus, prescriptionStatus } from './statuses';

/**
 * A prescription's public state: IDs, quantities, status and timestamps. What was prescribed (the
 * items) never appears here; it lives in the private collection and comes back only from the
 * logged reads.
 *
 * Quantities, in dispensable units (tablets, bottles...):
 * - `totalQuantity`: the units of one fill, all items together.
 * - `refills`: how many more fills are allowed after the first.
 * - `dispensableQuantity` = totalQuantity × (1 + refills): everything pharmacies may ever dispense.
 * - `remaining` = dispensableQuantity − dispensedQuantity. Only a dispense lowers it, never an order,
 *   and one order covers at most one fill (quantity ≤ totalQuantity).
 */
export const prescription = z.object({
  id: objectId,
  patientId: stakeholderId,
  doctorId: stakeholderId,
  totalQuantity: ordinal.max(MAX_UNITS_PER_FILL),
  refills: count.max(MAX_REFILLS),
  dispensableQuantity: ordinal,
  remaining: count,
  dispensedQuantity: count,
  dispenseCount: count,
  status: prescriptionStatus,
  validUntil: instant,
  /** Why the doctor could write it: the access decision at issue time. */
  issueBasis: accessBasis,
  issueGrantId: objectId.optional(),
  issuedAt: instant,
  updatedAt: instant,
  cancelledAt: instant.optional(),
  completedAt: instant.optional(),
});
export type Prescription = z.infer<typeof prescription>;
export const prescriptionPage = pageOf(prescription);

const itemText = (max: number) => z.string().trim().min(1).max(max);

/** One prescribed medicine (private data only). Text is trimmed; each field 1 to its limit. */
export const prescriptionItem = z.strictObject({
  medicine: itemText(PRESCRIPTION_ITEM_TEXT_MAX.medicine),
  dose: itemText(PRESCRIPTION_ITEM_TEXT_MAX.dose),
  frequency: itemText(PRESCRIPTION_ITEM_TEXT_MAX.frequency).optional(),
  route: itemText(PRESCRIPTION_ITEM_TEXT_MAX.route).optional(),
  durationDays: z.number().int().min(1).max(MAX_ITEM_DURATION_DAYS).optional(),
  instructions: itemText(PRESCRIPTION_ITEM_TEXT_MAX.instructions).optional(),
});
export type PrescriptionItem = z.infer<typeof prescriptionItem>;
export const prescriptionItems = z.array(prescriptionItem).min(1).max(MAX_PRESCRIPTION_ITEMS);

/** Prescription:readPrescription, a logged read: the public state with what was prescribed. */
export const prescriptionWithItems = z.object({ prescription, items: prescriptionItems });
export type PrescriptionWithItems = z.infer<typeof prescriptionWithItems>;

/**
 * A patient's order of (part of) a prescription from one pharmacy. Public state: IDs, quantity,
 * payment method, status and timestamps.
 */
export const medicineOrder = z.object({
  id: objectId,
  prescriptionId: objectId,
  patientId: stakeholderId,
  pharmacyId: stakeholderId,
  quantity: ordinal.max(MAX_ORDER_QUANTITY),
  paymentMethod: orderPaymentMethod,
  status: orderStatus,
  /**
   * The consent that let the patient send this prescription to this pharmacy: the grant placing
   * the order created (view on this prescription, purpose TREAT), which ends when the order is
   * rejected, cancelled, dispensed or received.
   */
  consentBasis: accessBasis,
  consentGrantId: objectId.optional(),
  placedAt: instant,
  updatedAt: instant,
  acceptedAt: instant.optional(),
  rejectedAt: instant.optional(),
  cancelledAt: instant.optional(),
  dispensedAt: instant.optional(),
  receivedAt: instant.optional(),
});
export type MedicineOrder = z.infer<typeof medicineOrder>;
export const medicineOrderPage = pageOf(medicineOrder);

/** Prescription:readPrescriptionForOrder, the pharmacy's logged read: the order, its prescription and the items. */
export const orderPrescription = z.object({ order: medicineOrder, prescription, items: prescriptionItems });
export type OrderPrescription = z.infer<typeof orderPrescription>;
