import { z } from 'zod';
import { accessBasis } from './categories';
import { instant } from './formats';
import { fileId, objectId, serviceCode, stakeholderId } from './identifiers';
import { MAX_SERVICE_PRICE_MINOR, SERVICE_DETAILS_MAX } from './limits';
import { pageOf } from './pages';
import { currency, servicePaymentMethod } from './payments';
import { serviceStatus } from './statuses';

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
 */
export const serviceRequest = z.object({
  id: objectId,
  patientId: stakeholderId,
  hospitalId: stakeholderId,
  /** The hospital's catalogue code for the service (a code, never free text). */
  serviceCode,
  status: serviceStatus,
  requestedAt: instant,
  quoteBy: instant,
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
