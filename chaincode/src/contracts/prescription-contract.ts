import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { MedicineOrder, OrderPrescription, Page, Prescription, PrescriptionWithItems } from '../contract';
import { acceptOrder, cancelOrder, confirmReceipt, dispense, placeOrder, rejectOrder } from './prescriptions/orders';
import { cancel, issue } from './prescriptions/prescriptions';
import {
  getOrder,
  getPrescription,
  listOrdersByPatient,
  listOrdersByPharmacy,
  listPrescriptionsByPatient,
  readPrescription,
  readPrescriptionForOrder,
} from './prescriptions/reads';

/**
 * Prescriptions and medicine orders (the seed design's OrderMedicine).
 *
 * A verified doctor with the patient's 'edit' consent on prescriptions issues a prescription; what
 * was prescribed goes to the private collection, the public state keeps IDs, quantities, status and
 * timestamps. The patient orders from a pharmacy, which gives it 'view' consent on that
 * prescription for the order's life; the pharmacy accepts or rejects, reads the items (a logged, consent-checked read),
 * dispenses, and the patient confirms receipt. Each transaction's work is in prescriptions/, one file
 * per concept; this class is the list of what clients may call.
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
    return issue(ctx, prescriptionId, patientId, totalQuantity, refills, validUntil);
  }

  /** Cancels a prescription; only its issuing doctor, and only while nothing has been dispensed. */
  @Transaction()
  @Returns('Prescription')
  async cancel(ctx: Context, prescriptionId: string): Promise<Prescription> {
    return cancel(ctx, prescriptionId);
  }

  /**
   * The patient orders `quantity` units of a prescription from a pharmacy. Placing the order is the
   * patient's consent: in the same transaction it creates a workflow grant letting that pharmacy
   * view this prescription (purpose TREAT), named by consentGrantId, which ends when the order is
   * rejected, cancelled, dispensed or received. An order covers at most one fill and at most what
   * remains.
   */
  @Transaction()
  @Returns('MedicineOrder')
  async placeOrder(ctx: Context, orderId: string, prescriptionId: string, pharmacyId: string, quantity: number, paymentMethod: string): Promise<MedicineOrder> {
    return placeOrder(ctx, orderId, prescriptionId, pharmacyId, quantity, paymentMethod);
  }

  /** The pharmacy takes a placed order. */
  @Transaction()
  @Returns('MedicineOrder')
  async acceptOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    return acceptOrder(ctx, orderId);
  }

  /** The pharmacy turns a placed order down. */
  @Transaction()
  @Returns('MedicineOrder')
  async rejectOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    return rejectOrder(ctx, orderId);
  }

  /** The patient withdraws an order the pharmacy has not dispensed yet. */
  @Transaction()
  @Returns('MedicineOrder')
  async cancelOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    return cancelOrder(ctx, orderId);
  }

  /**
   * The pharmacy reads what was prescribed, for an order addressed to it. Submitted, because every
   * read of private data is consent-checked (the patient may have revoked the pharmacy's grant since
   * ordering) and written to the access log.
   */
  @Transaction()
  @Returns('OrderPrescription')
  async readPrescriptionForOrder(ctx: Context, orderId: string): Promise<OrderPrescription> {
    return readPrescriptionForOrder(ctx, orderId);
  }

  /**
   * Reads a prescription with its items: the patient, a delegate, or anyone the patient granted
   * 'view' on it (decideAccess). Submitted and logged like every read of private data.
   */
  @Transaction()
  @Returns('PrescriptionWithItems')
  async readPrescription(ctx: Context, prescriptionId: string): Promise<PrescriptionWithItems> {
    return readPrescription(ctx, prescriptionId);
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
    return dispense(ctx, orderId);
  }

  /** The patient confirms the dispensed medicine arrived. */
  @Transaction()
  @Returns('MedicineOrder')
  async confirmReceipt(ctx: Context, orderId: string): Promise<MedicineOrder> {
    return confirmReceipt(ctx, orderId);
  }

  /** Public state of a prescription: its patient, its issuing doctor, or anyone decideAccess lets view it. */
  @Transaction(false)
  @Returns('Prescription')
  async getPrescription(ctx: Context, prescriptionId: string): Promise<Prescription> {
    return getPrescription(ctx, prescriptionId);
  }

  /** Public state of an order: its patient or its pharmacy. */
  @Transaction(false)
  @Returns('MedicineOrder')
  async getOrder(ctx: Context, orderId: string): Promise<MedicineOrder> {
    return getOrder(ctx, orderId);
  }

  /** A patient's prescriptions (public state), optionally of one status ('' = all); the patient or whoever may view their prescriptions. */
  @Transaction(false)
  @Returns('PrescriptionPage')
  async listPrescriptionsByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Prescription>> {
    return listPrescriptionsByPatient(ctx, patientId, status, pageSize, bookmark);
  }

  /** A patient's orders, optionally of one status; the patient or whoever may view their prescriptions. */
  @Transaction(false)
  @Returns('MedicineOrderPage')
  async listOrdersByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<MedicineOrder>> {
    return listOrdersByPatient(ctx, patientId, status, pageSize, bookmark);
  }

  /** The calling pharmacy's orders, optionally of one status (its work queue: status 'placed'). */
  @Transaction(false)
  @Returns('MedicineOrderPage')
  async listOrdersByPharmacy(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<MedicineOrder>> {
    return listOrdersByPharmacy(ctx, status, pageSize, bookmark);
  }
}
