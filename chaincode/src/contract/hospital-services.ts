import { z } from 'zod';
import { accessBasis, type AccessAction, type DataCategory } from './categories';
import { instant } from './formats';
import { fileId, objectId, serviceCode, stakeholderId } from './identifiers';
import { MAX_SERVICE_PRICE_MINOR, REPORT_DISPUTE_REASON_MAX, SERVICE_DETAILS_MAX } from './limits';
import { pageOf } from './pages';
import { currency, servicePaymentMethod } from './payments';
import { reportReviewEffectiveStatus, serviceStatus } from './statuses';

/**
 * A patient's request for a hospital service (a lab test, a scan) from estimate to report:
 *
 *   requested --quote--> quoted --accept--> accepted --recordPayment--> paid
 *     --confirmPayment--> confirmed --attachReport--> reported
 *   any open status --cancel--> cancelled
 *
 * The quoted price is locked until the quote's validUntil. Each open status has a deadline for
 * its next step (SERVICE_DEADLINES); the party owing the step may cancel at any time, the party
 * waiting for it only once the deadline has passed without the step.
 *
 * A doctor may start a request for the patient by referral (REFERRAL_ACCESS):
 *
 *   referred --acceptReferral (the patient)--> requested ... as above
 *   referred --declineReferral (the patient)--> declined
 *
 * The hospital sees a referral only once the patient accepts it: until then it is the doctor's
 * suggestion, and the patient has not chosen to tell that hospital anything (a declined referral
 * never reaches it). Accepting gives the hospital a view grant on the request, so it can read the
 * referral's reason (the details), until the request ends.
 *
 * Once reported, the patient reviews the report by reportReviewDeadline: accepted or disputed
 * (the reason is private). Unreviewed by then, it reads as deemed-accepted.
 */
export const serviceRequest = z.object({
  id: objectId,
  patientId: stakeholderId,
  hospitalId: stakeholderId,
  /** The hospital's catalogue code for the service (a code, never free text); a referral may leave it to the hospital. */
  serviceCode: serviceCode.optional(),
  status: serviceStatus,
  /** When the request (or the referral) was made. */
  requestedAt: instant,
  /** Set once the request is 'requested' (at once, or when the patient accepts a referral). */
  quoteBy: instant.optional(),
  /** The referring doctor, for a request that began as a referral. */
  referredBy: stakeholderId.optional(),
  /** When the patient accepted or declined the referral. */
  referralAnsweredAt: instant.optional(),
  /** The hospital's view grant on this request (to read the referral's reason), created when the patient accepts the referral. */
  referralGrantId: objectId.optional(),
  priceMinor: z.number().int().min(1).max(MAX_SERVICE_PRICE_MINOR).optional(),
  currency: currency.optional(),
  quotedAt: instant.optional(),
  /** The quote's validUntil: the price is locked until then, and it is the acceptance deadline. */
  acceptBy: instant.optional(),
  acceptedAt: instant.optional(),
  payBy: instant.optional(),
  paymentMethod: servicePaymentMethod.optional(),
  paymentRef: objectId.optional(),
  paidAt: instant.optional(),
  confirmBy: instant.optional(),
  confirmedAt: instant.optional(),
  reportBy: instant.optional(),
  /** The medical file holding the report. */
  reportFileId: fileId.optional(),
  reportedAt: instant.optional(),
  /** reportedAt + SERVICE_DEADLINES.reportReviewWithinSeconds: the patient accepts or disputes the report by then. */
  reportReviewDeadline: instant.optional(),
  /** The patient's review of the report, as judged at transaction time (a pending review past its deadline reads deemed-accepted). */
  reportReview: reportReviewEffectiveStatus.optional(),
  reportReviewedAt: instant.optional(),
  /**
   * Set by the payment: the file ID under which the hospital uploads the report, and the grant
   * (edit on exactly that file, purpose TREAT) that lets it, until the report is attached, the
   * request is cancelled or the patient revokes it.
   */
  plannedReportFileId: fileId.optional(),
  workflowGrantId: objectId.optional(),
  cancelledBy: stakeholderId.optional(),
  cancelledAt: instant.optional(),
  updatedAt: instant,
});
export type ServiceRequest = z.infer<typeof serviceRequest>;
export const serviceRequestPage = pageOf(serviceRequest);

/** A service request's private details. */
export const serviceDetails = z.object({ details: z.string().min(1).max(SERVICE_DETAILS_MAX) });
export type ServiceDetails = z.infer<typeof serviceDetails>;

/** HospitalService:accessDetails, a logged read: the request, its details (null when this peer lacks them) and why access was allowed. */
export const serviceRequestWithDetails = z.object({ request: serviceRequest, details: serviceDetails.nullable(), basis: accessBasis });
export type ServiceRequestWithDetails = z.infer<typeof serviceRequestWithDetails>;

/** What a doctor's referral needs from the patient: a grant to edit the patient's service requests (their category). */
export const REFERRAL_ACCESS: { action: AccessAction; category: DataCategory } = { action: 'edit', category: 'billing' };

/** A patient's dispute of a report: the reason is private data. */
export const reportDispute = z.object({ reason: z.string().min(1).max(REPORT_DISPUTE_REASON_MAX) });
export type ReportDispute = z.infer<typeof reportDispute>;

/** HospitalService:accessDispute, a logged read: the request, the dispute's reason (null when this peer lacks it) and why access was allowed. */
export const serviceRequestWithDispute = z.object({ request: serviceRequest, dispute: reportDispute.nullable(), basis: accessBasis });
export type ServiceRequestWithDispute = z.infer<typeof serviceRequestWithDispute>;
