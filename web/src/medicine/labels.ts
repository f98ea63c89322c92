import type { components } from '../api/generated/schema';

export type Prescription = components['schemas']['Prescription'];
export type PrescriptionItem = components['schemas']['PrescriptionItem'];
export type MedicineOrder = components['schemas']['MedicineOrder'];
export type OrderStatus = MedicineOrder['status'];

/** An order's path as the patient follows it; rejected and cancelled end it early. */
export const ORDER_STEPS = [
  { status: 'placed', label: 'Placed', at: 'placedAt' },
  { status: 'accepted', label: 'Accepted', at: 'acceptedAt' },
  { status: 'dispensed', label: 'Dispensed', at: 'dispensedAt' },
  { status: 'received', label: 'Received', at: 'receivedAt' },
] as const satisfies readonly { status: OrderStatus; label: string; at: keyof MedicineOrder }[];

export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  placed: 'Placed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  dispensed: 'Dispensed',
  received: 'Received',
};

export const PAYMENT_LABELS: Readonly<Record<MedicineOrder['paymentMethod'], string>> = {
  online: 'Paid online',
  'cash-on-delivery': 'Cash on delivery',
};

export function orderTone(status: OrderStatus): 'neutral' | 'good' | 'warn' | 'danger' {
  if (status === 'rejected') return 'danger';
  if (status === 'cancelled') return 'neutral';
  if (status === 'received' || status === 'dispensed') return 'good';
  return 'warn';
}

export function prescriptionTone(status: Prescription['status']): 'neutral' | 'good' | 'warn' | 'danger' {
  return status === 'active' ? 'good' : status === 'cancelled' ? 'danger' : 'neutral';
}

/** "Amoxicillin 500 mg — 1 capsule, three times a day, 7 days (with food)". */
export function itemText(item: PrescriptionItem): string {
  const how = [item.dose, item.frequency, item.route, item.durationDays === undefined ? undefined : `${String(item.durationDays)} days`].filter((part) => part !== undefined && part !== '');
  return `${item.medicine} — ${how.join(', ')}${item.instructions === undefined ? '' : ` (${item.instructions})`}`;
}
