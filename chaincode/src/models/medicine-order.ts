import type { AccessDecision } from '../lib/access-decision';
import type { TransitionTable } from '../lib/status-machine';

export const PAYMENT_METHODS = ['online', 'cash-on-delivery'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * placed → accepted → dispensed → received; placed → rejected (pharmacy);
 * placed | accepted → cancelled (patient).
 */
export const ORDER_STATUSES = ['placed', 'accepted', 'rejected', 'cancelled', 'dispensed', 'received'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
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
 * A patient's order of (part of) a prescription from one pharmacy. Public state: IDs, quantity,
 * payment method, status and timestamps. The medicines themselves stay in the prescription's
 * private details, which the pharmacy reads through readPrescriptionForOrder.
 */
export interface MedicineOrder {
  id: string;
  prescriptionId: string;
  patientId: string;
  pharmacyId: string;
  quantity: number;
  paymentMethod: PaymentMethod;
  status: OrderStatus;
  /** The consent that let the patient send this prescription to this pharmacy. */
  consentBasis: AccessDecision['basis'];
  consentGrantId?: string;
  placedAt: string;
  updatedAt: string;
  acceptedAt?: string;
  rejectedAt?: string;
  cancelledAt?: string;
  dispensedAt?: string;
  receivedAt?: string;
}

export const ORDER_TYPE = 'medicine-order';
/** [patientId, status, placedAt, id] */
export const ORDER_BY_PATIENT_INDEX = 'medicine-order~patient~status~placed';
/** [pharmacyId, status, placedAt, id] */
export const ORDER_BY_PHARMACY_INDEX = 'medicine-order~pharmacy~status~placed';

export const MAX_ORDER_QUANTITY = 10_000;
