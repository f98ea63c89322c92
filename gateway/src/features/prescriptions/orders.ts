import { medicineOrder, ORDER_STATUSES, orderPaymentMethod, orderPrescription, type MedicineOrder } from '@medledger/chaincode';
import { z } from 'zod';
import { describeFields } from '../../api/models';
import type { StepsOf } from '../../ledger/transaction-results';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf } from '../../api/pagination';
import { emptyBody, objectId, patientIdParams, stakeholderId } from '../../api/schemas';
import { prescriptionModel, statusPageQuery } from './prescriptions';

/**
 * Medicine orders (Prescription contract): the patient orders part of a prescription from a
 * pharmacy it has given view consent on that prescription; the pharmacy accepts or rejects, reads
 * the items (logged), dispenses; the patient confirms receipt.
 */
const tag = 'Medicine orders';
const orderIdParams = z.object({ orderId: objectId });

export const orderModel = describeFields(medicineOrder, {
  consentBasis: 'The consent that let the patient send this prescription to this pharmacy',
}).meta({ id: 'MedicineOrder' });

const orderReadModel = orderPrescription
  .extend({ order: orderModel, prescription: prescriptionModel })
  .meta({ id: 'OrderPrescriptionRead', description: 'An order with its prescription’s items, from a consent-checked, logged read' });

/** One order step: POST /orders/{orderId}/<step>, no body, answers the updated order. */
function orderStep(step: { path: string; operationId: string; summary: string; callers: string; transaction: StepsOf<'Prescription', MedicineOrder>; description?: string }): Operation {
  return defineOperation({
    method: 'post',
    path: `/orders/{orderId}/${step.path}`,
    operationId: step.operationId,
    summary: step.summary,
    ...(step.description === undefined ? {} : { description: step.description }),
    tag,
    access: { scope: 'write' },
    callers: step.callers,
    transaction: `Prescription:${step.transaction}`,
    params: orderIdParams,
    body: emptyBody,
    errors: [409],
    response: { status: 200, description: 'The updated order', schema: orderModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, `Prescription:${step.transaction}`, [params.orderId]);
    },
  });
}

export const orderOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/orders',
    operationId: 'placeOrder',
    summary: 'Order (part of) a prescription from a pharmacy',
    description: 'The pharmacy must hold the patient’s view consent on this prescription (its ID or the prescription category). An order covers at most one fill and at most what remains.',
    tag,
    access: { scope: 'write' },
    callers: 'the prescription’s patient',
    transaction: 'Prescription:placeOrder',
    body: z
      .object({
        prescriptionId: objectId,
        pharmacyId: stakeholderId.describe('An active pharmacy'),
        quantity: medicineOrder.shape.quantity,
        paymentMethod: orderPaymentMethod,
      })
      .strict(),
    errors: [404, 409],
    response: { status: 201, description: 'The placed order', schema: orderModel },
    creates: { readBack: (order) => ({ transaction: 'Prescription:getOrder', args: [order.id] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Prescription:placeOrder', ['', body.prescriptionId, body.pharmacyId, String(body.quantity), body.paymentMethod]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/orders/{orderId}',
    operationId: 'getOrder',
    summary: 'An order',
    tag,
    access: { scope: 'read' },
    callers: 'its pharmacy, its patient, a delegate, a grantee of view on its prescription',
    transaction: 'Prescription:getOrder',
    params: orderIdParams,
    response: { status: 200, description: 'The order', schema: orderModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Prescription:getOrder', [params.orderId]);
    },
  }),
  orderStep({ path: 'acceptance', operationId: 'acceptOrder', summary: 'Accept a placed order', callers: 'its pharmacy', transaction: 'acceptOrder' }),
  orderStep({ path: 'rejection', operationId: 'rejectOrder', summary: 'Reject a placed order', callers: 'its pharmacy', transaction: 'rejectOrder' }),
  orderStep({
    path: 'dispensing',
    operationId: 'dispenseOrder',
    summary: 'Dispense an accepted order',
    description: 'Lowers the prescription’s remaining quantity in the same transaction; 409 QUANTITY_EXCEEDED if less remains than the order asks.',
    callers: 'its pharmacy',
    transaction: 'dispense',
  }),
  orderStep({ path: 'receipt', operationId: 'confirmOrderReceipt', summary: 'Confirm a dispensed order arrived', callers: 'its patient', transaction: 'confirmReceipt' }),
  orderStep({ path: 'cancellation', operationId: 'cancelOrder', summary: 'Withdraw an order not yet dispensed', callers: 'its patient', transaction: 'cancelOrder' }),
  defineOperation({
    method: 'post',
    path: '/orders/{orderId}/prescription-reads',
    operationId: 'readOrderPrescription',
    summary: 'Read the prescribed items of an order addressed to you (consent-checked and written to the access log)',
    tag,
    access: { scope: 'read' },
    callers: 'its pharmacy, while the order is placed, accepted or dispensed and the patient’s consent holds',
    transaction: 'Prescription:readPrescriptionForOrder',
    params: orderIdParams,
    body: emptyBody,
    errors: [409],
    response: { status: 200, description: 'The order, its prescription and the items', schema: orderReadModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Prescription:readPrescriptionForOrder', [params.orderId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/orders',
    operationId: 'listPatientOrders',
    summary: 'A patient’s medicine orders',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee of view on prescriptions',
    transaction: 'Prescription:listOrdersByPatient',
    params: patientIdParams,
    query: statusPageQuery(ORDER_STATUSES),
    response: { status: 200, description: 'A page of orders', schema: pageOf(orderModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Prescription:listOrdersByPatient', [params.patientId, query.status ?? '', ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/orders',
    operationId: 'listMyOrders',
    summary: 'The calling pharmacy’s orders (its work queue: ?status=placed)',
    tag,
    access: { scope: 'read' },
    callers: 'pharmacy',
    transaction: 'Prescription:listOrdersByPharmacy',
    query: statusPageQuery(ORDER_STATUSES),
    response: { status: 200, description: 'A page of orders', schema: pageOf(orderModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Prescription:listOrdersByPharmacy', [query.status ?? '', ...pageArgs(query)]));
    },
  }),
];
