import type { ServiceStatus } from '../contract';
import type { TransitionTable } from '../lib/status-machine';

export type { ServiceDetails, ServiceRequest, ServiceStatus } from '../contract';
/** Re-exported under their former names for importers that predate contract/. */
export { SERVICE_DEADLINES, SERVICE_PAYMENT_METHODS as PAYMENT_METHODS, SERVICE_STATUSES } from '../contract';

export type ServiceAction = 'refer' | 'acceptReferral' | 'declineReferral' | 'quote' | 'accept' | 'recordPayment' | 'confirmPayment' | 'attachReport' | 'acceptReport' | 'disputeReport' | 'cancel';

/** The workflow drawn in contract/hospital-services.ts. */
export const SERVICE_TRANSITIONS: TransitionTable<ServiceStatus, Exclude<ServiceAction, 'refer' | 'acceptReport' | 'disputeReport'>> = {
  acceptReferral: { from: ['referred'], to: 'requested' },
  declineReferral: { from: ['referred'], to: 'declined' },
  quote: { from: ['requested'], to: 'quoted' },
  accept: { from: ['quoted'], to: 'accepted' },
  recordPayment: { from: ['accepted'], to: 'paid' },
  confirmPayment: { from: ['paid'], to: 'confirmed' },
  attachReport: { from: ['confirmed'], to: 'reported' },
  cancel: { from: ['requested', 'quoted', 'accepted', 'paid', 'confirmed'], to: 'cancelled' },
};

export const SERVICE_REQUEST_TYPE = 'serviceRequest';
export const SERVICE_DETAILS_TYPE = 'serviceRequestDetails';
/** The private reason of a patient's dispute of a report. */
export const SERVICE_DISPUTE_TYPE = 'serviceReportDispute';
/** A hospital's price list, by hospital ID. */
export const PRICE_LIST_TYPE = 'priceList';
export const SERVICE_BY_PATIENT = { all: 'serviceRequest~patient~requested', byStatus: 'serviceRequest~patient~status~requested' } as const;
export const SERVICE_BY_HOSPITAL = { all: 'serviceRequest~hospital~requested', byStatus: 'serviceRequest~hospital~status~requested' } as const;
/** A referring doctor's list of its referrals. */
export const SERVICE_BY_REFERRER = { all: 'serviceRequest~referrer~requested', byStatus: 'serviceRequest~referrer~status~requested' } as const;
