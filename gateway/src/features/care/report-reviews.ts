import { REPORT_DISPUTE_REASON_MAX, SERVICE_DEADLINES } from '@medledger/chaincode/client';
import { z } from 'zod';
import { DAY_SECONDS } from '../../api/durations';
import type { Operation } from '../../api/operation';
import { emptyBody } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';
import { none, operations, requestIdParams, step } from './service-steps';
import { serviceRequestDisputeModel } from './visit-models';

const REVIEW_DAYS = SERVICE_DEADLINES.reportReviewWithinSeconds / DAY_SECONDS;
const WHEN = `Before reportReviewDeadline (${REVIEW_DAYS} days after the report was attached; afterwards 409 DEADLINE_PASSED and the report reads deemed-accepted), once (a second review: 409 INVALID_STATE).`;

/** The patient's review of an attached report: accepted or disputed, before its deadline, once. */
export const reportReviewOperations: Operation[] = [
  step(
    { path: 'report-acceptance', operationId: 'acceptHospitalServiceReport', summary: 'Accept the attached report', description: WHEN, callers: 'its patient', transaction: 'acceptReport', body: emptyBody },
    none,
  ),
  step(
    {
      path: 'report-dispute',
      operationId: 'disputeHospitalServiceReport',
      summary: 'Dispute the attached report',
      description: `${WHEN} The reason travels in the transient map only: private data the hospital reads through POST /hospital-services/{requestId}/dispute-reads, never logged by the gateway.`,
      callers: 'its patient',
      transaction: 'disputeReport',
      body: z.object({ reason: nonBlankText(REPORT_DISPUTE_REASON_MAX).describe('Why; private, never logged') }).strict(),
      transient: ({ body }) => ({ dispute: JSON.stringify({ reason: body.reason }) }),
    },
    none,
  ),
  operations.loggedRead({
    path: '/hospital-services/{requestId}/dispute-reads',
    operationId: 'readHospitalServiceDispute',
    summary: 'Read the request with the reason of the patient’s dispute (logged)',
    description: 'The patient and a delegate; the hospital as the request’s party; anyone else only under a view grant on billing. A submitted transaction, so every read is in the patient’s access log. 409 INVALID_STATE when the report is not disputed.',
    callers: 'the patient, a delegate, its hospital, a grantee',
    transaction: 'HospitalService:accessDispute',
    params: requestIdParams,
    response: { description: 'The request, the dispute’s reason and the basis of the read', schema: serviceRequestDisputeModel },
  }),
];
