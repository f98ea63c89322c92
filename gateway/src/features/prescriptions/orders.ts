import { medicineOrder, ORDER_STATUSES, orderPaymentMethod, orderPrescription, type MedicineOrder } from '@medledger/chaincode/client';
import { z } from 'zod';
import { describeFields } from '../../api/models';
import type { StepsOf } from '../../ledger/transaction-results';
import { ledgerOperations, pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { objectId, patientIdParams, stakeholderId } from '../../api/schemas';
import { prescriptionModel, statusPageQuery } from './prescriptions';

/**
 * Medicine orders (Prescription contract): the patient orders part of a prescription from a
 * pharmacy it has given view consent on that prescription; the pharmacy accepts or rejects, reads
 * the items (logged), dispenses; the patient confirms receipt.
 */
const operations = ledgerOperations({ tag: 'Medicine orders' });
const orderIdParams = z.object({ orderId: objectId });

export const orderModel = describeFields(medicineOrder, {
  consentBasis: 'The consent that let the patient send this prescription to this pharmacy',
}).meta({ id: 'MedicineOrder' });

const orderReadModel = orderPrescription
  .extend({ order: orderModel, prescription: prescriptionModel })
  .meta({ id: 'OrderPrescriptionRead', description: 'An order with its prescription’s items, from a consent-checked, logged read' });

/** One order step: POST /orders/{orderId}/<step>, no body, answers the updated order. */
function orderStep(step: { path: string; operationId: string; summary: string; callers: string; transaction: StepsOf<'Prescription', MedicineOrder>; description?: string }): Operation {
  return operations.step({
    ...step,
    path: `/orders/{orderId}/${step.path}`,
    transaction: `Prescription:${step.transaction}`,
    params: orderIdParams,
    errors: [409],
    response: { description: 'The updated order', schema: orderModel },
  });
}

export const orderOperations: Operation[] = [
  operations.create({
    path: '/orders',
    operationId: 'placeOrder',
    summary: 'Order (part of) a prescription from a pharmacy',
    description: 'The pharmacy must hold the patient’s view consent on this prescription (its ID or the prescription category). An order covers at most one fill and at most what remains.',
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
    args: ({ body }) => ['', body.prescriptionId, body.pharmacyId, String(body.quantity), body.paymentMethod],
    errors: [404, 409],
    response: { description: 'The placed order', schema: orderModel },
    creates: readBackById('Prescription:getOrder'),
  }),
  operations.read({
    path: '/orders/{orderId}',
    patientData: true,
    operationId: 'getOrder',
    summary: 'An order',
    callers: 'its pharmacy, its patient, a delegate, a grantee of view on its prescription',
    transaction: 'Prescription:getOrder',
    params: orderIdParams,
    response: { description: 'The order', schema: orderModel },
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
  operations.loggedRead({
    path: '/orders/{orderId}/prescription-reads',
    operationId: 'readOrderPrescription',
    summary: 'Read the prescribed items of an order addressed to you (consent-checked and written to the access log)',
    callers: 'its pharmacy, while the order is placed, accepted or dispensed and the patient’s consent holds',
    transaction: 'Prescription:readPrescriptionForOrder',
    params: orderIdParams,
    errors: [409],
    response: { description: 'The order, its prescription and the items', schema: orderReadModel },
  }),
  operations.list({
    path: '/patients/{patientId}/orders',
    patientData: true,
    operationId: 'listPatientOrders',
    summary: 'A patient’s medicine orders',
    callers: 'the patient, a delegate, a grantee of view on prescriptions',
    transaction: 'Prescription:listOrdersByPatient',
    params: patientIdParams,
    query: statusPageQuery(ORDER_STATUSES),
    args: pathAndStatus,
    response: { description: 'A page of orders', item: orderModel },
  }),
  operations.list({
    path: '/me/orders',
    patientData: true,
    operationId: 'listMyOrders',
    summary: 'The calling pharmacy’s orders (its work queue: ?status=placed)',
    callers: 'pharmacy',
    transaction: 'Prescription:listOrdersByPharmacy',
    query: statusPageQuery(ORDER_STATUSES),
    args: pathAndStatus,
    response: { description: 'A page of orders', item: orderModel },
  }),
];
