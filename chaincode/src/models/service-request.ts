import type { TransitionTable } from '../lib/status-machine';

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
export const SERVICE_STATUSES = ['requested', 'quoted', 'accepted', 'paid', 'confirmed', 'reported', 'cancelled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export type ServiceAction = 'quote' | 'accept' | 'recordPayment' | 'confirmPayment' | 'attachReport' | 'cancel';

export const SERVICE_TRANSITIONS: TransitionTable<ServiceStatus, ServiceAction> = {
  quote: { from: ['requested'], to: 'quoted' },
  accept: { from: ['quoted'], to: 'accepted' },
  recordPayment: { from: ['accepted'], to: 'paid' },
  confirmPayment: { from: ['paid'], to: 'confirmed' },
  attachReport: { from: ['confirmed'], to: 'reported' },
  cancel: { from: ['requested', 'quoted', 'accepted', 'paid', 'confirmed'], to: 'cancelled' },
};

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/** Step deadlines, in seconds after the step that starts the clock. */
export const SERVICE_DEADLINES = {
  /** quoteBy = requestedAt + 72 h: the hospital quotes, or the patient may cancel. A late quote is refused. */
  quoteWithinSeconds: 72 * HOUR,
  /** acceptBy = the quote's validUntil (the price lock), at most this long after quoting. A late acceptance is refused. */
  maxQuoteValiditySeconds: 30 * DAY,
  /** payBy = acceptedAt + 48 h: the patient pays, or the hospital may cancel. A late payment is refused. */
  payWithinSeconds: 48 * HOUR,
  /**
   * confirmBy = paidAt + 48 h: the hospital confirms receipt, or the patient may cancel. Money has
   * moved by then, so a late confirmation is still accepted while nobody has cancelled.
   */
  confirmWithinSeconds: 48 * HOUR,
  /** reportBy = confirmedAt + 14 days: the hospital attaches the report, or the patient may cancel. A late report is still accepted. */
  reportWithinSeconds: 14 * DAY,
} as const;

export const PAYMENT_METHODS = ['online', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface ServiceRequest {
  id: string;
  patientId: string;
  hospitalId: string;
  /** The hospital's catalogue code for the service (a code, never free text). */
  serviceCode: string;
  status: ServiceStatus;
  requestedAt: string;
  quoteBy: string;
  priceMinor?: number;
  currency?: string;
  quotedAt?: string;
  /** The quote's validUntil: the price is locked until then, and it is the acceptance deadline. */
  acceptBy?: string;
  acceptedAt?: string;
  payBy?: string;
  paymentMethod?: PaymentMethod;
  paymentRef?: string;
  paidAt?: string;
  confirmBy?: string;
  confirmedAt?: string;
  reportBy?: string;
  reportFileId?: string;
  reportedAt?: string;
  cancelledBy?: string;
  cancelledAt?: string;
  updatedAt: string;
}

/** Private details (HEALTH_COLLECTION), from transient field 'service'. */
export interface ServiceDetails {
  details: string;
}

export const SERVICE_REQUEST_TYPE = 'serviceRequest';
export const SERVICE_DETAILS_TYPE = 'serviceRequestDetails';
export const SERVICE_BY_PATIENT = { all: 'serviceRequest~patient~requested', byStatus: 'serviceRequest~patient~status~requested' } as const;
export const SERVICE_BY_HOSPITAL = { all: 'serviceRequest~hospital~requested', byStatus: 'serviceRequest~hospital~status~requested' } as const;
