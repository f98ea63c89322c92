import { Property } from 'fabric-contract-api';
import type { AccessBasis, MedicineOrder as MedicineOrderShape, OrderPaymentMethod, OrderStatus, Prescription, PrescriptionItem } from '../contract';
import type { TransitionTable } from '../lib/status-machine';
import { Model, Optional } from '../lib/object-metadata';

export type { MedicineOrder, OrderStatus } from '../contract';
/** Re-exported under their former names for importers that predate contract/. */
export { MAX_ORDER_QUANTITY, ORDER_PAYMENT_METHODS as PAYMENT_METHODS, ORDER_STATUSES } from '../contract';

/**
 * placed → accepted → dispensed → received; placed → rejected (pharmacy);
 * placed | accepted → cancelled (patient).
 */
export type OrderAction = 'acceptOrder' | 'rejectOrder' | 'cancelOrder' | 'dispense' | 'confirmReceipt';

export const ORDER_TRANSITIONS: TransitionTable<OrderStatus, OrderAction> = {
  acceptOrder: { from: ['placed'], to: 'accepted' },
  rejectOrder: { from: ['placed'], to: 'rejected' },
  cancelOrder: { from: ['placed', 'accepted'], to: 'cancelled' },
  dispense: { from: ['accepted'], to: 'dispensed' },
  confirmReceipt: { from: ['dispensed'], to: 'received' },
};
/** Statuses in which the order's pharmacy may read the prescription's items. */
export const ORDER_READABLE_STATUSES: readonly OrderStatus[] = ['placed', 'accepted', 'dispensed'];

/**
 * A patient's order of (part of) a prescription from one pharmacy (contract/prescriptions.ts).
 * Public state: IDs, quantity, payment method, status and timestamps. The medicines themselves
 * stay in the prescription's private details, which the pharmacy reads through
 * readPrescriptionForOrder.
 */
@Model()
class MedicineOrder implements MedicineOrderShape {
  @Property('id', 'string') id!: string;
  @Property('prescriptionId', 'string') prescriptionId!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('pharmacyId', 'string') pharmacyId!: string;
  @Property('quantity', 'number') quantity!: number;
  @Property('paymentMethod', 'string') paymentMethod!: OrderPaymentMethod;
  @Property('status', 'string') status!: OrderStatus;
  @Property('consentBasis', 'string') consentBasis!: AccessBasis;
  @Optional() @Property('consentGrantId', 'string') consentGrantId?: string;
  @Property('placedAt', 'string') placedAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('acceptedAt', 'string') acceptedAt?: string;
  @Optional() @Property('rejectedAt', 'string') rejectedAt?: string;
  @Optional() @Property('cancelledAt', 'string') cancelledAt?: string;
  @Optional() @Property('dispensedAt', 'string') dispensedAt?: string;
  @Optional() @Property('receivedAt', 'string') receivedAt?: string;
}

@Model()
class MedicineOrderPage {
  @Property('items', 'MedicineOrder[]') items!: MedicineOrder[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Prescription:readPrescriptionForOrder: the order, its prescription and what was prescribed. */
@Model()
class OrderPrescription {
  @Property('order', 'MedicineOrder') order!: MedicineOrder;
  @Property('prescription', 'Prescription') prescription!: Prescription;
  @Property('items', 'PrescriptionItem[]') items!: PrescriptionItem[];
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { MedicineOrder as MedicineOrderObject, MedicineOrderPage as MedicineOrderPageObject, OrderPrescription as OrderPrescriptionObject };

export const ORDER_TYPE = 'medicine-order';
/** [patientId, status, placedAt, id] */
export const ORDER_BY_PATIENT_INDEX = 'medicine-order~patient~status~placed';
/** [pharmacyId, status, placedAt, id] */
export const ORDER_BY_PHARMACY_INDEX = 'medicine-order~pharmacy~status~placed';
