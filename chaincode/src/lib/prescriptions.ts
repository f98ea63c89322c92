import type { Context } from 'fabric-contract-api';
import type { MedicineOrder, OrderStatus, Prescription, PrescriptionStatus } from '../contract';
import type { AccessQuery } from './access-decision';
import { ChaincodeError } from './errors';
import { moveIndex } from './indexed-page';
import { objectKey, requireObjectById, writeObject } from './state';
import { hasPassed } from './time';
import { ORDER_TYPE } from '../models/medicine-order';
import { PRESCRIPTION_BY_PATIENT_INDEX, PRESCRIPTION_TYPE } from '../models/prescription';

/*
 * Stored prescriptions and medicine orders, for the Prescription contract: their keys, reads,
 * state checks, index parts and event payloads.
 */

/** The timestamp field each order status sets. */
export const STATUS_TIMESTAMP: Readonly<Record<OrderStatus, keyof MedicineOrder & `${string}At`>> = {
  placed: 'placedAt',
  accepted: 'acceptedAt',
  rejected: 'rejectedAt',
  cancelled: 'cancelledAt',
  dispensed: 'dispensedAt',
  received: 'receivedAt',
};

export function prescriptionKey(ctx: Context, id: string): string {
  return objectKey(ctx, PRESCRIPTION_TYPE, [id]);
}

export function orderKey(ctx: Context, id: string): string {
  return objectKey(ctx, ORDER_TYPE, [id]);
}

export async function requirePrescription(ctx: Context, prescriptionId: string): Promise<Prescription> {
  return requireObjectById<Prescription>(ctx, PRESCRIPTION_TYPE, 'prescriptionId', prescriptionId, 'prescription');
}

export async function requireOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
  return requireObjectById<MedicineOrder>(ctx, ORDER_TYPE, 'orderId', orderId, 'order');
}

export function requirePrescriptionStatus(prescription: Prescription, allowed: readonly PrescriptionStatus[]): void {
  if (!allowed.includes(prescription.status)) {
    throw new ChaincodeError('INVALID_STATE', `prescription ${prescription.id} is ${prescription.status}`);
  }
}

/** Orders and dispenses need an active prescription that has not expired. */
export function requireUsable(ctx: Context, prescription: Prescription): void {
  requirePrescriptionStatus(prescription, ['active']);
  if (hasPassed(ctx, prescription.validUntil)) {
    throw new ChaincodeError('DEADLINE_PASSED', `prescription ${prescription.id} expired at ${prescription.validUntil}`);
  }
}

export function prescriptionQuery(prescription: Prescription): AccessQuery {
  return { patientId: prescription.patientId, action: 'view', category: 'prescription', recordId: prescription.id };
}

export function prescriptionIndexParts(prescription: Prescription): string[] {
  return [prescription.patientId, prescription.status, prescription.issuedAt, prescription.id];
}

export function orderIndexParts(order: MedicineOrder, ownerId: string): string[] {
  return [ownerId, order.status, order.placedAt, order.id];
}

export async function savePrescription(ctx: Context, before: Prescription, after: Prescription): Promise<void> {
  await writeObject(ctx, prescriptionKey(ctx, after.id), after);
  await moveIndex(ctx, PRESCRIPTION_BY_PATIENT_INDEX, prescriptionIndexParts(before), prescriptionIndexParts(after));
}

export function orderEvent(order: MedicineOrder): Record<string, string> {
  return {
    orderId: order.id,
    prescriptionId: order.prescriptionId,
    patientId: order.patientId,
    pharmacyId: order.pharmacyId,
    status: order.status,
    at: order.updatedAt,
  };
}
