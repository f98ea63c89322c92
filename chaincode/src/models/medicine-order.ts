import type { OrderStatus } from '../contract';
import type { TransitionTable } from '../lib/status-machine';

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

export const ORDER_TYPE = 'medicine-order';
/** [patientId, status, placedAt, id] */
export const ORDER_BY_PATIENT_INDEX = 'medicine-order~patient~status~placed';
/** [pharmacyId, status, placedAt, id] */
export const ORDER_BY_PHARMACY_INDEX = 'medicine-order~pharmacy~status~placed';
