import { currency, serviceCode, SERVICE_DEADLINES, SERVICE_DETAILS_MAX, serviceRequest, servicePaymentMethod } from '@medledger/chaincode/client';
import { z } from 'zod';
import { DAY_SECONDS, HOUR_SECONDS } from '../../api/durations';
import { nonBlankText } from '../../api/text-schemas';
import { pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { emptyBody, instant, patientIdParams, stakeholderId } from '../../api/schemas';
import { priceListOperations } from './price-lists';
import { referralOperations } from './referrals';
import { reportReviewOperations } from './report-reviews';
import { listQuery, none, operations, requestIdParams, step } from './service-steps';
import { serviceRequestDetailsModel, serviceRequestModel } from './visit-models';

const QUOTE_HOURS = SERVICE_DEADLINES.quoteWithinSeconds / HOUR_SECONDS;

/**
 * Hospital services from estimate to report: the patient asks, the hospital quotes a price locked
 * until validUntil, the patient accepts and pays, the hospital confirms and attaches the report.
 * Each step has a deadline; the party left waiting past one may cancel.
 */
export const hospitalServiceOperations: Operation[] = [
  operations.create({
    path: '/hospital-services',
    operationId: 'requestHospitalServiceEstimate',
    summary: 'Ask a verified hospital for an estimate',
    description: `The details travel to the chaincode in the transient map only: kept in private data, never in the public record or an event, never logged by the gateway. The hospital must quote within ${QUOTE_HOURS} hours.`,
    callers: 'patient',
    transaction: 'HospitalService:requestEstimate',
    body: z
      .object({
        hospitalId: stakeholderId.describe('An active hospital'),
        serviceCode: serviceCode.describe("The hospital's catalogue code, e.g. LAB-CBC"),
        details: nonBlankText(SERVICE_DETAILS_MAX).describe('What is needed and why; private, never logged'),
      })
      .strict(),
    args: ({ body }) => [body.hospitalId, body.serviceCode],
    transient: ({ body }) => ({ service: JSON.stringify({ details: body.details }) }),
    errors: [404],
    response: { description: 'The request (without the details)', schema: serviceRequestModel },
    creates: readBackById('HospitalService:get'),
  }),
  operations.read({
    path: '/hospital-services/{requestId}',
    patientData: true,
    operationId: 'getHospitalService',
    summary: 'A service request (public record, without the details)',
    callers: 'its patient, its hospital (a referral only once the patient accepted it), the referring doctor',
    transaction: 'HospitalService:get',
    params: requestIdParams,
    response: { description: 'The service request', schema: serviceRequestModel },
  }),
  step(
    {
      path: 'quote',
      operationId: 'quoteHospitalService',
      summary: 'Quote a price, locked until validUntil',
      description: `Before quoteBy (${QUOTE_HOURS} hours after the request); validUntil is at most ${SERVICE_DEADLINES.maxQuoteValiditySeconds / DAY_SECONDS} days ahead and is the acceptance deadline.`,
      callers: 'its hospital',
      transaction: 'quote',
      body: z
        .object({
          priceMinor: serviceRequest.shape.priceMinor.unwrap().describe('Price in minor units (cents)'),
          currency,
          validUntil: instant.describe('The price lock and acceptance deadline'),
        })
        .strict(),
    },
    (body) => [String(body.priceMinor), body.currency, body.validUntil],
  ),
  step(
    { path: 'acceptance', operationId: 'acceptHospitalServiceQuote', summary: 'Accept the quoted price while the quote is valid', callers: 'its patient', transaction: 'accept', body: emptyBody },
    none,
  ),
  step(
    {
      path: 'payment',
      operationId: 'payHospitalService',
      summary: 'Record paying the accepted price, online or in cash',
      description: `Within ${SERVICE_DEADLINES.payWithinSeconds / HOUR_SECONDS} hours of accepting.`,
      callers: 'its patient',
      transaction: 'recordPayment',
      body: z.object({ method: servicePaymentMethod, reference: serviceRequest.shape.paymentRef.unwrap().describe('Payment or receipt reference') }).strict(),
    },
    (body) => [body.method, body.reference],
  ),
  step(
    {
      path: 'payment-confirmation',
      operationId: 'confirmHospitalServicePayment',
      summary: 'Confirm the payment was received',
      callers: 'its hospital',
      transaction: 'confirmPayment',
      body: emptyBody,
    },
    none,
  ),
  step(
    {
      path: 'report',
      operationId: 'attachHospitalServiceReport',
      summary: 'Attach the report: a medical file of the same patient uploaded with POST /files',
      callers: 'its hospital',
      transaction: 'attachReport',
      body: z.object({ fileId: serviceRequest.shape.reportFileId.unwrap().describe('An active medical file of the request’s patient') }).strict(),
    },
    (body) => [body.fileId],
  ),
  step(
    {
      path: 'cancellation',
      operationId: 'cancelHospitalService',
      summary: 'Cancel an open request',
      description: 'The party owing the next step may cancel at any time; the party waiting for it only once that step’s deadline has passed (otherwise DEADLINE_NOT_REACHED).',
      callers: 'its patient or hospital',
      transaction: 'cancel',
      body: emptyBody,
    },
    none,
  ),
  operations.loggedRead({
    path: '/hospital-services/{requestId}/detail-reads',
    operationId: 'readHospitalServiceDetails',
    summary: 'Read the request with its private details (logged)',
    description:
      'Decided like any patient data (category billing, record = the request): the patient and a delegate always; the hospital or anyone else only under a view grant. A submitted transaction, so every read is in the patient’s access log.',
    callers: 'the patient, a delegate, a grantee (the hospital needs a grant too)',
    transaction: 'HospitalService:accessDetails',
    params: requestIdParams,
    response: { description: 'The request, its details and the basis of the read', schema: serviceRequestDetailsModel },
  }),
  operations.list({
    path: '/patients/{patientId}/hospital-services',
    patientData: true,
    operationId: 'listPatientHospitalServices',
    summary: 'A patient’s service requests, oldest first',
    callers: 'the patient, a delegate, a grantee with view on billing',
    transaction: 'HospitalService:listByPatient',
    params: patientIdParams,
    query: listQuery,
    args: pathAndStatus,
    response: { description: 'A page of service requests', item: serviceRequestModel },
  }),
  operations.list({
    path: '/me/hospital-services',
    patientData: true,
    operationId: 'listMyHospitalServices',
    summary: 'The calling hospital’s service requests, oldest first',
    description:
      'A referral appears only once the patient accepts it: until then it is the doctor’s suggestion, and the patient has not chosen to tell this hospital anything (a declined referral never appears). reportReview shows a disputed report (read the reason with POST /hospital-services/{requestId}/dispute-reads).',
    callers: 'hospital',
    transaction: 'HospitalService:listByHospital',
    query: listQuery,
    args: pathAndStatus,
    response: { description: 'A page of service requests', item: serviceRequestModel },
  }),
  ...referralOperations,
  ...reportReviewOperations,
  ...priceListOperations,
];
