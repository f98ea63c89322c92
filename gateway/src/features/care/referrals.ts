import { PURPOSE_TRANSIENT_KEY, REFERRAL_ACCESS, SERVICE_DETAILS_MAX, serviceCode } from '@medledger/chaincode/client';
import { z } from 'zod';
import { pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { emptyBody, purposeOfUse, stakeholderId } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';
import { listQuery, none, operations, step } from './service-steps';
import { serviceRequestModel } from './visit-models';

const CONSENT = `an active grant from the patient to ${REFERRAL_ACCESS.action} their ${REFERRAL_ACCESS.category} data (their service requests)`;

/**
 * A doctor's referral to a hospital's service: the doctor refers with the patient's consent, the
 * patient accepts (the estimate flow follows) or declines. The hospital sees it once accepted.
 */
export const referralOperations: Operation[] = [
  operations.create({
    path: '/referrals',
    operationId: 'referToHospitalService',
    summary: 'Refer a patient to a hospital’s service',
    description: `The doctor needs ${CONSENT} (otherwise 403 CONSENT_REQUIRED). The request starts as referred; the hospital sees it only once the patient accepts. The details (the clinical reason) travel in the transient map only: private data, never in the public record, an event or the gateway's logs.`,
    callers: 'doctor',
    transaction: 'HospitalService:refer',
    body: z
      .object({
        patientId: stakeholderId.describe('The patient referred'),
        hospitalId: stakeholderId.describe('An active hospital'),
        serviceCode: serviceCode.optional().describe('A code of the hospital’s price list when it has one; leave out to let the hospital choose'),
        details: nonBlankText(SERVICE_DETAILS_MAX).describe('The clinical reason; private, never logged'),
        purposeOfUse: purposeOfUse.optional().describe('The purpose the doctor states (default TREAT); the grant must be for it'),
      })
      .strict(),
    args: ({ body }) => [body.patientId, body.hospitalId, body.serviceCode ?? ''],
    transient: ({ body }) => ({
      service: JSON.stringify({ details: body.details }),
      ...(body.purposeOfUse === undefined ? {} : { [PURPOSE_TRANSIENT_KEY]: body.purposeOfUse }),
    }),
    errors: [404],
    response: { description: 'The referral (status referred; without the details)', schema: serviceRequestModel },
    creates: readBackById('HospitalService:get'),
  }),
  step(
    {
      path: 'referral-acceptance',
      operationId: 'acceptHospitalServiceReferral',
      summary: 'Accept a referral: the request becomes requested and the hospital quotes as for an estimate',
      description: 'The hospital gets a view grant on this request (referralGrantId) to read the referral’s reason; it ends with the request, and the patient may revoke it.',
      callers: 'its patient',
      transaction: 'acceptReferral',
      body: emptyBody,
    },
    none,
  ),
  step(
    { path: 'referral-decline', operationId: 'declineHospitalServiceReferral', summary: 'Decline a referral; the hospital never sees it', callers: 'its patient', transaction: 'declineReferral', body: emptyBody },
    none,
  ),
  operations.list({
    path: '/me/referrals',
    patientData: true,
    operationId: 'listMyReferrals',
    summary: 'The calling doctor’s referrals, oldest first, whatever became of them',
    callers: 'doctor',
    transaction: 'HospitalService:listByReferrer',
    query: listQuery,
    args: pathAndStatus,
    response: { description: 'A page of service requests', item: serviceRequestModel },
  }),
];
