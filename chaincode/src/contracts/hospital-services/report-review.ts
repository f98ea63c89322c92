import type { Context } from 'fabric-contract-api';
import { REPORT_DISPUTE_REASON_MAX, type ReportDispute, type ServiceRequest } from '../../contract';
import { ChaincodeError } from '../../lib/errors';
import { requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { objectKey } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { requireText } from '../../lib/validation';
import { SERVICE_DISPUTE_TYPE } from '../../models/service-request';
import { loadAsParty, requireBefore, save } from './store';

/*
 * The patient's review of an attached report: accepted or disputed before reportReviewDeadline,
 * once. Past the deadline an unreviewed report reads as deemed-accepted (store.ts viewOf).
 */

export function disputeKey(ctx: Context, requestId: string): string {
  return objectKey(ctx, SERVICE_DISPUTE_TYPE, [requestId]);
}

export async function acceptReport(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'patient');
  requireReviewable(ctx, request);
  return save(ctx, 'acceptReport', request, { ...request, reportReview: 'accepted', reportReviewedAt: txTimeIso(ctx) });
}

/** Transient 'dispute': {reason}, kept in private data (erased with the patient's data). */
export async function disputeReport(ctx: Context, requestId: string): Promise<ServiceRequest> {
  const { request } = await loadAsParty(ctx, requestId, 'patient');
  const dispute = requireDisputeReason(ctx);
  requireReviewable(ctx, request);
  await writePatientPrivate(ctx, request.patientId, disputeKey(ctx, request.id), dispute);
  return save(ctx, 'disputeReport', request, { ...request, reportReview: 'disputed', reportReviewedAt: txTimeIso(ctx) });
}

/** A reported request whose review is pending and whose deadline has not passed. */
function requireReviewable(ctx: Context, request: ServiceRequest): void {
  if (request.status !== 'reported' || request.reportReviewDeadline === undefined) {
    throw new ChaincodeError('INVALID_STATE', `service request ${request.id} is ${request.status} and has no report to review`);
  }
  if (request.reportReview !== 'pending') {
    throw new ChaincodeError('INVALID_STATE', `the report of service request ${request.id} was already ${String(request.reportReview)}; a review cannot be changed`);
  }
  requireBefore(ctx, request.reportReviewDeadline, 'reviewing the report (it is deemed accepted)');
}

function requireDisputeReason(ctx: Context): ReportDispute {
  const input = requireTransientJson(ctx, 'dispute');
  if (typeof input.reason !== 'string') {
    throw new ChaincodeError('INVALID_ARGUMENT', 'dispute.reason is required');
  }
  return { reason: requireText('dispute.reason', input.reason, REPORT_DISPUTE_REASON_MAX) };
}
