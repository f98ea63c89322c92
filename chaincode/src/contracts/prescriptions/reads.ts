import type { Context } from 'fabric-contract-api';
import {
  ORDER_STATUSES,
  PRESCRIPTION_STATUSES,
  ROLES,
  type MedicineOrder,
  type OrderPrescription,
  type OrderStatus,
  type Page,
  type Prescription,
  type PrescriptionStatus,
  type PrescriptionWithItems,
} from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActor, type Actor } from '../../lib/actors';
import { decideAndRecord, pagingFor, recordListRead, recordPartyList } from '../../lib/disclosures';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { pageViaIndex, statusFilter } from '../../lib/indexed-page';
import { prescriptionQuery, requireOrder, requirePrescription } from '../../lib/prescriptions';
import { readPatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { objectKey } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireStakeholderId } from '../../lib/validation';
import { ORDER_BY_PATIENT_INDEX, ORDER_BY_PHARMACY_INDEX, ORDER_READABLE_STATUSES, ORDER_TYPE } from '../../models/medicine-order';
import { PRESCRIPTION_BY_PATIENT_INDEX, PRESCRIPTION_DETAILS_TYPE, PRESCRIPTION_TYPE, type PrescriptionDetails } from '../../models/prescription';
import { pharmacyOrder } from './orders';

/* Reads of prescriptions and orders: the consent-checked, logged reads of the items, and the public lists. */

export async function readPrescriptionForOrder(ctx: Context, orderId: string): Promise<OrderPrescription> {
  const { actor, order } = await pharmacyOrder(ctx, orderId);
  if (!ORDER_READABLE_STATUSES.includes(order.status)) {
    throw new ChaincodeError('INVALID_STATE', `order ${order.id} is ${order.status}; its prescription can no longer be read through it`);
  }
  const prescription = await requirePrescription(ctx, order.prescriptionId);
  const details = await readDetails(ctx, actor, prescription);
  emitEvent(ctx, 'readPrescriptionForOrder', { orderId: order.id, prescriptionId: prescription.id, pharmacyId: actor.stakeholderId, at: txTimeIso(ctx) });
  return sortedCopy({ order, prescription, items: details.items });
}

export async function readPrescription(ctx: Context, prescriptionId: string): Promise<PrescriptionWithItems> {
  const actor = await requireActor(ctx, ROLES);
  const prescription = await requirePrescription(ctx, prescriptionId);
  const details = await readDetails(ctx, actor, prescription);
  emitEvent(ctx, 'readPrescription', { prescriptionId: prescription.id, accessorId: actor.stakeholderId, at: txTimeIso(ctx) });
  return sortedCopy({ prescription, items: details.items });
}

export async function getPrescription(ctx: Context, prescriptionId: string): Promise<Prescription> {
  const actor = await requireActor(ctx, ROLES);
  const prescription = await requirePrescription(ctx, prescriptionId);
  await decideAndRecord(ctx, actor, prescriptionQuery(prescription), { type: PRESCRIPTION_TYPE, id: prescription.id }, [prescription.doctorId]);
  return sortedCopy(prescription);
}

export async function getOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
  const actor = await requireActor(ctx, ROLES);
  const order = await requireOrder(ctx, orderId);
  const query: AccessQuery = { patientId: order.patientId, action: 'view', category: 'prescription', recordId: order.prescriptionId };
  await decideAndRecord(ctx, actor, query, { type: 'order', id: order.id }, [order.pharmacyId]);
  return sortedCopy(order);
}

export async function listPrescriptionsByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Prescription>> {
  const actor = await requireActor(ctx, ROLES);
  requireStakeholderId('patientId', patientId);
  const filter = statusFilter<PrescriptionStatus>(status, PRESCRIPTION_STATUSES);
  const query: AccessQuery = { patientId, action: 'view', category: 'prescription' };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageViaIndex<Prescription>(ctx, PRESCRIPTION_BY_PATIENT_INDEX, [patientId, ...filter], PRESCRIPTION_TYPE, pageSize, bookmark, pagingFor(decision));
  await recordListRead(ctx, actor, 'prescriptions', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listOrdersByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<MedicineOrder>> {
  const actor = await requireActor(ctx, ROLES);
  requireStakeholderId('patientId', patientId);
  const filter = statusFilter<OrderStatus>(status, ORDER_STATUSES);
  const query: AccessQuery = { patientId, action: 'view', category: 'prescription' };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageViaIndex<MedicineOrder>(ctx, ORDER_BY_PATIENT_INDEX, [patientId, ...filter], ORDER_TYPE, pageSize, bookmark, pagingFor(decision));
  await recordListRead(ctx, actor, 'orders', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listOrdersByPharmacy(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<MedicineOrder>> {
  const pharmacy = await requireActor(ctx, ['pharmacy']);
  const filter = statusFilter<OrderStatus>(status, ORDER_STATUSES);
  const page = await pageViaIndex<MedicineOrder>(ctx, ORDER_BY_PHARMACY_INDEX, [pharmacy.stakeholderId, ...filter], ORDER_TYPE, pageSize, bookmark, 'logged');
  await recordPartyList(ctx, pharmacy, 'orders', 'prescription', page.items);
  return sortedCopy(page);
}

/** The consent-checked, logged read of a prescription's private items. */
async function readDetails(ctx: Context, actor: Actor, prescription: Prescription): Promise<PrescriptionDetails> {
  const query = prescriptionQuery(prescription);
  const decision = await decideAccess(ctx, actor, query);
  const details = await readPatientPrivate<PrescriptionDetails>(ctx, prescription.patientId, objectKey(ctx, PRESCRIPTION_DETAILS_TYPE, [prescription.id]), `prescription ${prescription.id}`);
  if (details === undefined) {
    throw new ChaincodeError('NOT_FOUND', `the items of prescription ${prescription.id} are not available on this peer`);
  }
  await recordAccess(ctx, actor, query, decision, { type: PRESCRIPTION_TYPE, id: prescription.id });
  return details;
}
