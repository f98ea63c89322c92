import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  MAX_ORDER_QUANTITY,
  MAX_PRESCRIPTION_VALIDITY_SECONDS,
  MAX_REFILLS,
  MAX_UNITS_PER_FILL,
  ORDER_PAYMENT_METHODS,
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
} from '../contract';
import { decideAccess, type AccessQuery } from '../lib/access-decision';
import { recordAccess } from '../lib/access-log';
import { requireActiveStakeholder, requireActor, type Actor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { decideAccessFor } from '../lib/grant-check';
import { newObjectId } from '../lib/ids';
import { moveIndex, pageViaIndex, statusFilter } from '../lib/indexed-page';
import {
  orderEvent,
  orderIndexParts,
  orderKey,
  prescriptionIndexParts,
  prescriptionKey,
  prescriptionQuery,
  requireOrder,
  requirePrescription,
  requirePrescriptionStatus,
  requireUsable,
  savePrescription,
  STATUS_TIMESTAMP,
} from '../lib/prescriptions';
import { HEALTH_COLLECTION, requireTransientJson } from '../lib/private-data';
import { sortedCopy } from '../lib/serialization';
import { nextStatus } from '../lib/status-machine';
import { objectKey, readObject, readPrivate, writeIndex, writeObject, writePrivate } from '../lib/state';
import { addSeconds, txTimeIso } from '../lib/time';
import { requireInstant, requireObjectId, requireOneOf, requirePositiveInteger, requireStakeholderId } from '../lib/validation';
import { ORDER_BY_PATIENT_INDEX, ORDER_BY_PHARMACY_INDEX, ORDER_READABLE_STATUSES, ORDER_TRANSITIONS, ORDER_TYPE } from '../models/medicine-order';
import { PRESCRIPTION_BY_PATIENT_INDEX, PRESCRIPTION_DETAILS_TYPE, PRESCRIPTION_TYPE, parsePrescriptionItems, type PrescriptionDetails } from '../models/prescription';

/**
 * Prescriptions and medicine orders (the seed design's OrderMedicine).
 *
 * A verified doctor with the patient's 'edit' consent on prescriptions issues a prescription; what
 * was prescribed goes to the private collection, the public state keeps IDs, quantities, status and
 * timestamps. The patient orders from a pharmacy they have given 'view' consent on that
 * prescription; the pharmacy accepts or rejects, reads the items (a logged, consent-checked read),
 * dispenses, and the patient confirms receipt.
 */
@Info({ title: 'Prescription', description: 'Prescriptions, medicine orders and dispensing' })
export class PrescriptionContract extends Contract {
  constructor() {
    super('Prescription');
  }

  /**
   * Issues a prescription. Transient 'prescription': {items: [{medicine, dose, frequency?, route?,
   * durationDays?, instructions?}]}. `totalQuantity` is the units of one fill; `refills` the extra
   * fills, so totalQuantity × (1 + refills) units may be dispensed in all. Empty prescriptionId: one
   * is derived from the transaction ID.
   */
  @Transaction()
  @Returns('Prescription')
  async issue(ctx: Context, prescriptionId: string, patientId: string, totalQuantity: number, refills: number, validUntil: string): Promise<Prescription> {
    const doctor = await requireActor(ctx, ['doctor']);
    const id = prescriptionId === '' ? newObjectId(ctx, 'rx') : requireObjectId('prescriptionId', prescriptionId);
    requireStakeholderId('patientId', patientId);
    const perFill = requirePositiveInteger('totalQuantity', totalQuantity, MAX_UNITS_PER_FILL);
    if (!Number.isInteger(refills) || refills < 0 || refills > MAX_REFILLS) {
      throw new ChaincodeError('INVALID_ARGUMENT', `refills must be a whole number from 0 to ${MAX_REFILLS}`);
    }
    const now = txTimeIso(ctx);
    const until = requireInstant('validUntil', validUntil);
    if (until <= now || until > addSeconds(now, MAX_PRESCRIPTION_VALIDITY_SECONDS)) {
      throw new ChaincodeError('INVALID_ARGUMENT', 'validUntil must be after now and at most 366 days ahead');
    }
    const items = parsePrescriptionItems(requireTransientJson(ctx, 'prescription'));
    await requireActiveStakeholder(ctx, patientId, ['patient']);
    const editQuery: AccessQuery = { patientId, action: 'edit', category: 'prescription' };
    const decision = await decideAccess(ctx, doctor, editQuery);
    const key = prescriptionKey(ctx, id);
    if ((await readObject(ctx, key)) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `prescription ${id} already exists`);
    }

    const dispensable = perFill * (1 + refills);
    const prescription: Prescription = {
      id,
      patientId,
      doctorId: doctor.stakeholderId,
      totalQuantity: perFill,
      refills,
      dispensableQuantity: dispensable,
      remaining: dispensable,
      dispensedQuantity: 0,
      dispenseCount: 0,
      status: 'active',
      validUntil: until,
      issueBasis: decision.basis,
      issueGrantId: decision.grantId,
      issuedAt: now,
      updatedAt: now,
    };
    const details: PrescriptionDetails = { prescriptionId: id, patientId, items };
    await writeObject(ctx, key, prescription);
    await writePrivate(ctx, HEALTH_COLLECTION, objectKey(ctx, PRESCRIPTION_DETAILS_TYPE, [id]), details);
    await writeIndex(ctx, PRESCRIPTION_BY_PATIENT_INDEX, prescriptionIndexParts(prescription));
    await recordAccess(ctx, doctor, { ...editQuery, recordId: id }, decision, { type: PRESCRIPTION_TYPE, id });
    emitEvent(ctx, 'issue', { prescriptionId: id, patientId, doctorId: doctor.stakeholderId, status: 'active', validUntil: until, at: now });
    return sortedCopy(prescription);
  }

  /** Cancels a prescription; only its issuing doctor, and only while nothing has been dispensed. */
  @Transaction()
  @Returns('Prescription')
  async cancel(ctx: Context, prescriptionId: string): Promise<Prescription> {
    const doctor = await requireActor(ctx, ['doctor']);
    const prescription = await requirePrescription(ctx, prescriptionId);
    if (prescription.doctorId !== doctor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `only the issuing doctor may cancel prescription ${prescription.id}`);
    }
    requirePrescriptionStatus(prescription, ['active']);
    if (prescription.dispensedQuantity > 0) {
      throw new ChaincodeError('INVALID_STATE', `prescription ${prescription.id} has already been (partly) dispensed`);
    }
    const now = txTimeIso(ctx);
    const updated: Prescription = { ...prescription, status: 'cancelled', cancelledAt: now, updatedAt: now };
    await savePrescription(ctx, prescription, updated);
    emitEvent(ctx, 'cancel', { prescriptionId: updated.id, patientId: updated.patientId, status: updated.status, at: now });
    return sortedCopy(updated);
  }

  /**
   * The patient orders `quantity` units of a prescription from a pharmacy. The patient must have
   * given that pharmacy 'view' consent covering this prescription (a grant whose scope lists the
   * prescription ID or the 'prescription' category); the same decideAccess every read uses is run
   * with the pharmacy as the accessor. An order covers at most one fill and at most what remains.
   */
  @Transaction()
  @Returns('MedicineOrder')
  async placeOrder(ctx: Context, orderId: string, prescriptionId: string, pharmacyId: string, quantity: number, paymentMethod: string): Promise<MedicineOrder> {
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
    const consent = await decideAccessFor(ctx, pharmacy, prescriptionQuery(prescription));
    const key = orderKey(ctx, id);
    if ((await readObject(ctx, key)) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `order ${id} already exists`);
    }

    const now = txTimeIso(ctx);
    const order: MedicineOrder = {
      id,
      prescriptionId: prescription.id,
      patientId: patient.stakeholderId,
      pharmacyId,
      quantity: units,
      paymentMethod: method,
      status: 'placed',
      consentBasis: consent.basis,
      consentGrantId: consent.grantId,
      placedAt: now,
      updatedAt: now,
    };
    await writeObject(ctx, key, order);
    await writeIndex(ctx, ORDER_BY_PATIENT_INDEX, orderIndexParts(order, order.patientId));
    await writeIndex(ctx, ORDER_BY_PHARMACY_INDEX, orderIndexParts(order, order.pharmacyId));
    emitEvent(ctx, 'placeOrder', orderEvent(order));
    return sortedCopy(order);
  }

  /** The pharmacy takes a placed order. */
  @Transaction()
  @Returns('MedicineOrder')
  async acceptOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const { order } = await this.#pharmacyOrder(ctx, orderId);
    const to = nextStatus(ORDER_TRANSITIONS, 'acceptOrder', order.status, `order ${order.id}`);
    requireUsable(ctx, await requirePrescription(ctx, order.prescriptionId));
    return this.#transition(ctx, order, to, 'acceptOrder');
  }

  /** The pharmacy turns a placed order down. */
  @Transaction()
  @Returns('MedicineOrder')
  async rejectOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const { order } = await this.#pharmacyOrder(ctx, orderId);
    const to = nextStatus(ORDER_TRANSITIONS, 'rejectOrder', order.status, `order ${order.id}`);
    return this.#transition(ctx, order, to, 'rejectOrder');
  }

  /** The patient withdraws an order the pharmacy has not dispensed yet. */
  @Transaction()
  @Returns('MedicineOrder')
  async cancelOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const order = await this.#patientOrder(ctx, orderId);
    const to = nextStatus(ORDER_TRANSITIONS, 'cancelOrder', order.status, `order ${order.id}`);
    return this.#transition(ctx, order, to, 'cancelOrder');
  }

  /**
   * The pharmacy reads what was prescribed, for an order addressed to it. Submitted, because every
   * read of private data is consent-checked (the patient may have revoked the pharmacy's grant since
   * ordering) and written to the access log.
   */
  @Transaction()
  @Returns('OrderPrescription')
  async readPrescriptionForOrder(ctx: Context, orderId: string): Promise<OrderPrescription> {
    const { actor, order } = await this.#pharmacyOrder(ctx, orderId);
    if (!ORDER_READABLE_STATUSES.includes(order.status)) {
      throw new ChaincodeError('INVALID_STATE', `order ${order.id} is ${order.status}; its prescription can no longer be read through it`);
    }
    const prescription = await requirePrescription(ctx, order.prescriptionId);
    const details = await this.#readDetails(ctx, actor, prescription);
    emitEvent(ctx, 'readPrescriptionForOrder', { orderId: order.id, prescriptionId: prescription.id, pharmacyId: actor.stakeholderId, at: txTimeIso(ctx) });
    return sortedCopy({ order, prescription, items: details.items });
  }

  /**
   * Reads a prescription with its items: the patient, a delegate, or anyone the patient granted
   * 'view' on it (decideAccess). Submitted and logged like every read of private data.
   */
  @Transaction()
  @Returns('PrescriptionWithItems')
  async readPrescription(ctx: Context, prescriptionId: string): Promise<PrescriptionWithItems> {
    const actor = await requireActor(ctx, ROLES);
    const prescription = await requirePrescription(ctx, prescriptionId);
    const details = await this.#readDetails(ctx, actor, prescription);
    emitEvent(ctx, 'readPrescription', { prescriptionId: prescription.id, accessorId: actor.stakeholderId, at: txTimeIso(ctx) });
    return sortedCopy({ prescription, items: details.items });
  }

  /**
   * Dispenses an accepted order: lowers the prescription's `remaining` by the order's quantity in
   * the same transaction, refusing QUANTITY_EXCEEDED if it would fall below zero.
   *
   * Every pharmacy's dispense reads and writes the same prescription key. Fabric's MVCC validation
   * therefore invalidates the second of two concurrent dispenses that were endorsed against the same
   * version of the prescription, so together they can never exceed what was prescribed. This is why
   * `remaining` is deliberately NOT a delta (high-throughput) key: delta keys avoid read conflicts
   * precisely by not reading the total, which would lose this atomic check.
   */
  @Transaction()
  @Returns('MedicineOrder')
  async dispense(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const { order } = await this.#pharmacyOrder(ctx, orderId);
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
    return this.#transition(ctx, order, to, 'dispense', { prescriptionStatus: updated.status });
  }

  /** The patient confirms the dispensed medicine arrived. */
  @Transaction()
  @Returns('MedicineOrder')
  async confirmReceipt(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const order = await this.#patientOrder(ctx, orderId);
    const to = nextStatus(ORDER_TRANSITIONS, 'confirmReceipt', order.status, `order ${order.id}`);
    return this.#transition(ctx, order, to, 'confirmReceipt');
  }

  /** Public state of a prescription: its patient, its issuing doctor, or anyone decideAccess lets view it. */
  @Transaction(false)
  @Returns('Prescription')
  async getPrescription(ctx: Context, prescriptionId: string): Promise<Prescription> {
    const actor = await requireActor(ctx, ROLES);
    const prescription = await requirePrescription(ctx, prescriptionId);
    if (prescription.doctorId !== actor.stakeholderId) {
      await decideAccess(ctx, actor, prescriptionQuery(prescription));
    }
    return sortedCopy(prescription);
  }

  /** Public state of an order: its patient or its pharmacy. */
  @Transaction(false)
  @Returns('MedicineOrder')
  async getOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const actor = await requireActor(ctx, ROLES);
    const order = await requireOrder(ctx, orderId);
    if (order.pharmacyId !== actor.stakeholderId) {
      await decideAccess(ctx, actor, { patientId: order.patientId, action: 'view', category: 'prescription', recordId: order.prescriptionId });
    }
    return sortedCopy(order);
  }

  /** A patient's prescriptions (public state), optionally of one status ('' = all); the patient or whoever may view their prescriptions. */
  @Transaction(false)
  @Returns('PrescriptionPage')
  async listPrescriptionsByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Prescription>> {
    const actor = await requireActor(ctx, ROLES);
    requireStakeholderId('patientId', patientId);
    const filter = statusFilter<PrescriptionStatus>(status, PRESCRIPTION_STATUSES);
    await decideAccess(ctx, actor, { patientId, action: 'view', category: 'prescription' });
    return sortedCopy(await pageViaIndex<Prescription>(ctx, PRESCRIPTION_BY_PATIENT_INDEX, [patientId, ...filter], PRESCRIPTION_TYPE, pageSize, bookmark));
  }

  /** A patient's orders, optionally of one status; the patient or whoever may view their prescriptions. */
  @Transaction(false)
  @Returns('MedicineOrderPage')
  async listOrdersByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<MedicineOrder>> {
    const actor = await requireActor(ctx, ROLES);
    requireStakeholderId('patientId', patientId);
    const filter = statusFilter<OrderStatus>(status, ORDER_STATUSES);
    await decideAccess(ctx, actor, { patientId, action: 'view', category: 'prescription' });
    return sortedCopy(await pageViaIndex<MedicineOrder>(ctx, ORDER_BY_PATIENT_INDEX, [patientId, ...filter], ORDER_TYPE, pageSize, bookmark));
  }

  /** The calling pharmacy's orders, optionally of one status (its work queue: status 'placed'). */
  @Transaction(false)
  @Returns('MedicineOrderPage')
  async listOrdersByPharmacy(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<MedicineOrder>> {
    const pharmacy = await requireActor(ctx, ['pharmacy']);
    const filter = statusFilter<OrderStatus>(status, ORDER_STATUSES);
    return sortedCopy(await pageViaIndex<MedicineOrder>(ctx, ORDER_BY_PHARMACY_INDEX, [pharmacy.stakeholderId, ...filter], ORDER_TYPE, pageSize, bookmark));
  }

  /** The order, if the caller is the pharmacy it was placed with. */
  async #pharmacyOrder(ctx: Context, orderId: string): Promise<{ actor: Actor; order: MedicineOrder }> {
    const actor = await requireActor(ctx, ['pharmacy']);
    const order = await requireOrder(ctx, orderId);
    if (order.pharmacyId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `order ${order.id} was placed with another pharmacy`);
    }
    return { actor, order };
  }

  /** The order, if the caller is the patient who placed it. */
  async #patientOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    const actor = await requireActor(ctx, ['patient']);
    const order = await requireOrder(ctx, orderId);
    if (order.patientId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `order ${order.id} belongs to another patient`);
    }
    return order;
  }

  /** The consent-checked, logged read of a prescription's private items. */
  async #readDetails(ctx: Context, actor: Actor, prescription: Prescription): Promise<PrescriptionDetails> {
    const query = prescriptionQuery(prescription);
    const decision = await decideAccess(ctx, actor, query);
    const details = await readPrivate<PrescriptionDetails>(ctx, HEALTH_COLLECTION, objectKey(ctx, PRESCRIPTION_DETAILS_TYPE, [prescription.id]));
    if (details === undefined) {
      throw new ChaincodeError('NOT_FOUND', `the items of prescription ${prescription.id} are not available on this peer`);
    }
    await recordAccess(ctx, actor, query, decision, { type: PRESCRIPTION_TYPE, id: prescription.id });
    return details;
  }

  async #transition(ctx: Context, order: MedicineOrder, to: OrderStatus, transaction: string, extra: Record<string, string> = {}): Promise<MedicineOrder> {
    const now = txTimeIso(ctx);
    const updated: MedicineOrder = { ...order, status: to, updatedAt: now, [STATUS_TIMESTAMP[to]]: now };
    await writeObject(ctx, orderKey(ctx, order.id), updated);
    await moveIndex(ctx, ORDER_BY_PATIENT_INDEX, orderIndexParts(order, order.patientId), orderIndexParts(updated, updated.patientId));
    await moveIndex(ctx, ORDER_BY_PHARMACY_INDEX, orderIndexParts(order, order.pharmacyId), orderIndexParts(updated, updated.pharmacyId));
    emitEvent(ctx, transaction, { ...orderEvent(updated), ...extra });
    return sortedCopy(updated);
  }
}
