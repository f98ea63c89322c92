import type { Context } from 'fabric-contract-api';
import { MAX_ORDER_QUANTITY, ORDER_PAYMENT_METHODS, type MedicineOrder, type OrderStatus, type Prescription } from '../../contract';
import { requireActiveStakeholder, requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { moveIndex } from '../../lib/indexed-page';
import { orderEvent, orderIndexParts, orderKey, requireOrder, requirePrescription, requireUsable, savePrescription, STATUS_TIMESTAMP } from '../../lib/prescriptions';
import { sortedCopy } from '../../lib/serialization';
import { nextStatus } from '../../lib/status-machine';
import { readObject, writeIndex, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf, requirePositiveInteger, requireStakeholderId } from '../../lib/validation';
import { ORDER_BY_PATIENT_INDEX, ORDER_BY_PHARMACY_INDEX, ORDER_TRANSITIONS } from '../../models/medicine-order';
import { createWorkflowGrant, endWorkflowGrant } from '../consent/grants';

/*
 * Medicine orders: placed by the patient with a pharmacy, taken or turned down, dispensed, received.
 * Placing an order lets that pharmacy view that prescription (a workflow grant) until the order ends.
 */

/** The statuses that end an order, and with it the pharmacy's grant on the prescription. */
const ENDED_STATUSES: readonly OrderStatus[] = ['rejected', 'cancelled', 'dispensed', 'received'];

export async function placeOrder(ctx: Context, orderId: string, prescriptionId: string, pharmacyId: string, quantity: number, paymentMethod: string): Promise<MedicineOrder> {
  const patient = await requireActor(ctx, ['patient']);
  const id = orderId === '' ? newObjectId(ctx, 'ord') : requireObjectId('orderId', orderId);
  requireStakeholderId('pharmacyId', pharmacyId);
  const units = requirePositiveInteger('quantity', quantity, MAX_ORDER_QUANTITY);
  const method = requireOneOf('paymentMethod', paymentMethod, ORDER_PAYMENT_METHODS);
  const prescription = await requirePrescription(ctx, prescriptionId);
  if (prescription.patientId !== patient.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `prescription ${prescription.id} belongs to another patient`);
  }
  requireUsable(ctx, prescription);
  if (units > prescription.totalQuantity) {
    throw new ChaincodeError('QUANTITY_EXCEEDED', `an order covers at most one fill (${prescription.totalQuantity} units)`);
  }
  if (units > prescription.remaining) {
    throw new ChaincodeError('QUANTITY_EXCEEDED', `only ${prescription.remaining} units of prescription ${prescription.id} remain`);
  }
  const pharmacy = await requireActiveStakeholder(ctx, pharmacyId, ['pharmacy']);
  const key = orderKey(ctx, id);
  if ((await readObject(ctx, key)) !== undefined) {
    throw new ChaincodeError('ALREADY_EXISTS', `order ${id} already exists`);
  }
  const grant = await createWorkflowGrant(ctx, {
    patientId: patient.stakeholderId,
    grantee: pharmacy,
    action: 'view',
    recordIds: [prescription.id],
    purpose: 'TREAT',
    workflow: { type: 'medicine-order', id },
  });

  const now = txTimeIso(ctx);
  const order: MedicineOrder = {
    id,
    prescriptionId: prescription.id,
    patientId: patient.stakeholderId,
    pharmacyId,
    quantity: units,
    paymentMethod: method,
    status: 'placed',
    consentBasis: 'grant',
    consentGrantId: grant.id,
    placedAt: now,
    updatedAt: now,
  };
  await writeObject(ctx, key, order);
  await writeIndex(ctx, ORDER_BY_PATIENT_INDEX, orderIndexParts(order, order.patientId));
  await writeIndex(ctx, ORDER_BY_PHARMACY_INDEX, orderIndexParts(order, order.pharmacyId));
  emitEvent(ctx, 'placeOrder', orderEvent(order));
  return sortedCopy(order);
}

export async function acceptOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const { order } = await pharmacyOrder(ctx, orderId);
  const to = nextStatus(ORDER_TRANSITIONS, 'acceptOrder', order.status, `order ${order.id}`);
  requireUsable(ctx, await requirePrescription(ctx, order.prescriptionId));
  return transition(ctx, order, to, 'acceptOrder');
}

export async function rejectOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const { order } = await pharmacyOrder(ctx, orderId);
  const to = nextStatus(ORDER_TRANSITIONS, 'rejectOrder', order.status, `order ${order.id}`);
  return transition(ctx, order, to, 'rejectOrder');
}

export async function cancelOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const order = await patientOrder(ctx, orderId);
  const to = nextStatus(ORDER_TRANSITIONS, 'cancelOrder', order.status, `order ${order.id}`);
  return transition(ctx, order, to, 'cancelOrder');
}

export async function dispense(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const { order } = await pharmacyOrder(ctx, orderId);
  const to = nextStatus(ORDER_TRANSITIONS, 'dispense', order.status, `order ${order.id}`);
  const prescription = await requirePrescription(ctx, order.prescriptionId);
  requireUsable(ctx, prescription);
  if (order.quantity > prescription.remaining) {
    throw new ChaincodeError(
      'QUANTITY_EXCEEDED',
      `order ${order.id} asks for ${order.quantity} units but only ${prescription.remaining} of prescription ${prescription.id} remain`,
    );
  }
  const now = txTimeIso(ctx);
  const remaining = prescription.remaining - order.quantity;
  const updated: Prescription = {
    ...prescription,
    remaining,
    dispensedQuantity: prescription.dispensedQuantity + order.quantity,
    dispenseCount: prescription.dispenseCount + 1,
    status: remaining === 0 ? 'completed' : 'active',
    completedAt: remaining === 0 ? now : undefined,
    updatedAt: now,
  };
  await savePrescription(ctx, prescription, updated);
  return transition(ctx, order, to, 'dispense', { prescriptionStatus: updated.status });
}

export async function confirmReceipt(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const order = await patientOrder(ctx, orderId);
  const to = nextStatus(ORDER_TRANSITIONS, 'confirmReceipt', order.status, `order ${order.id}`);
  return transition(ctx, order, to, 'confirmReceipt');
}

/** The order, if the caller is the pharmacy it was placed with. */
export async function pharmacyOrder(ctx: Context, orderId: string): Promise<{ actor: Actor; order: MedicineOrder }> {
  const actor = await requireActor(ctx, ['pharmacy']);
  const order = await requireOrder(ctx, orderId);
  if (order.pharmacyId !== actor.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `order ${order.id} was placed with another pharmacy`);
  }
  return { actor, order };
}

/** The order, if the caller is the patient who placed it. */
async function patientOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const actor = await requireActor(ctx, ['patient']);
  const order = await requireOrder(ctx, orderId);
  if (order.patientId !== actor.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `order ${order.id} belongs to another patient`);
  }
  return order;
}

async function transition(ctx: Context, order: MedicineOrder, to: OrderStatus, transaction: string, extra: Record<string, string> = {}): Promise<MedicineOrder> {
  const now = txTimeIso(ctx);
  const updated: MedicineOrder = { ...order, status: to, updatedAt: now, [STATUS_TIMESTAMP[to]]: now };
  await writeObject(ctx, orderKey(ctx, order.id), updated);
  await moveIndex(ctx, ORDER_BY_PATIENT_INDEX, orderIndexParts(order, order.patientId), orderIndexParts(updated, updated.patientId));
  await moveIndex(ctx, ORDER_BY_PHARMACY_INDEX, orderIndexParts(order, order.pharmacyId), orderIndexParts(updated, updated.pharmacyId));
  if (ENDED_STATUSES.includes(to)) {
    await endWorkflowGrant(ctx, updated.consentGrantId, to);
  }
  emitEvent(ctx, transaction, { ...orderEvent(updated), ...extra });
  return sortedCopy(updated);
}
