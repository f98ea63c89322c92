import { Property } from 'fabric-contract-api';
import type {
  AccessBasis,
  ServiceDetails as ServiceDetailsShape,
  ServicePaymentMethod,
  ServiceRequest as ServiceRequestShape,
  ServiceStatus,
} from '../contract';
import { Model, Optional } from '../lib/object-metadata';
import type { TransitionTable } from '../lib/status-machine';

export type { ServiceDetails, ServiceRequest, ServiceStatus } from '../contract';
/** Re-exported under their former names for importers that predate contract/. */
export { SERVICE_DEADLINES, SERVICE_PAYMENT_METHODS as PAYMENT_METHODS, SERVICE_STATUSES } from '../contract';

export type ServiceAction = 'quote' | 'accept' | 'recordPayment' | 'confirmPayment' | 'attachReport' | 'cancel';

/** The workflow drawn in contract/hospital-services.ts. */
export const SERVICE_TRANSITIONS: TransitionTable<ServiceStatus, ServiceAction> = {
  quote: { from: ['requested'], to: 'quoted' },
  accept: { from: ['quoted'], to: 'accepted' },
  recordPayment: { from: ['accepted'], to: 'paid' },
  confirmPayment: { from: ['paid'], to: 'confirmed' },
  attachReport: { from: ['confirmed'], to: 'reported' },
  cancel: { from: ['requested', 'quoted', 'accepted', 'paid', 'confirmed'], to: 'cancelled' },
};

/** A patient's request for a hospital service, from estimate to report (contract/hospital-services.ts). */
@Model()
class ServiceRequest implements ServiceRequestShape {
  @Property('id', 'string') id!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('hospitalId', 'string') hospitalId!: string;
  @Property('serviceCode', 'string') serviceCode!: string;
  @Property('status', 'string') status!: ServiceStatus;
  @Property('requestedAt', 'string') requestedAt!: string;
  @Property('quoteBy', 'string') quoteBy!: string;
  @Optional() @Property('priceMinor', 'number') priceMinor?: number;
  @Optional() @Property('currency', 'string') currency?: string;
  @Optional() @Property('quotedAt', 'string') quotedAt?: string;
  @Optional() @Property('acceptBy', 'string') acceptBy?: string;
  @Optional() @Property('acceptedAt', 'string') acceptedAt?: string;
  @Optional() @Property('payBy', 'string') payBy?: string;
  @Optional() @Property('paymentMethod', 'string') paymentMethod?: ServicePaymentMethod;
  @Optional() @Property('paymentRef', 'string') paymentRef?: string;
  @Optional() @Property('paidAt', 'string') paidAt?: string;
  @Optional() @Property('confirmBy', 'string') confirmBy?: string;
  @Optional() @Property('confirmedAt', 'string') confirmedAt?: string;
  @Optional() @Property('reportBy', 'string') reportBy?: string;
  @Optional() @Property('reportFileId', 'string') reportFileId?: string;
  @Optional() @Property('reportedAt', 'string') reportedAt?: string;
  @Optional() @Property('cancelledBy', 'string') cancelledBy?: string;
  @Optional() @Property('cancelledAt', 'string') cancelledAt?: string;
  @Property('updatedAt', 'string') updatedAt!: string;
}

@Model()
class ServiceRequestPage {
  @Property('items', 'ServiceRequest[]') items!: ServiceRequest[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Private details (HEALTH_COLLECTION), from transient field 'service'. */
@Model()
class ServiceDetails implements ServiceDetailsShape {
  @Property('details', 'string') details!: string;
}

/** HospitalService:accessDetails: the request, its details (null when this peer lacks them) and why access was allowed. */
@Model()
class ServiceRequestWithDetails {
  @Property('request', 'ServiceRequest') request!: ServiceRequest;
  @Property('details', 'ServiceDetails') details!: ServiceDetails | null;
  @Property('basis', 'string') basis!: AccessBasis;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { ServiceRequest as ServiceRequestObject, ServiceRequestPage as ServiceRequestPageObject, ServiceDetails as ServiceDetailsObject, ServiceRequestWithDetails as ServiceRequestWithDetailsObject };

export const SERVICE_REQUEST_TYPE = 'serviceRequest';
export const SERVICE_DETAILS_TYPE = 'serviceRequestDetails';
export const SERVICE_BY_PATIENT = { all: 'serviceRequest~patient~requested', byStatus: 'serviceRequest~patient~status~requested' } as const;
export const SERVICE_BY_HOSPITAL = { all: 'serviceRequest~hospital~requested', byStatus: 'serviceRequest~hospital~status~requested' } as const;
