import type { ServiceDetails, ServiceRequest as LedgerServiceRequest, ServiceStatus } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, ledgerIdentifier, type Naming, statusExtension, SYSTEMS } from './references';
import type { Attachment, CodeableConcept, Reference, Resource } from './resources';

/**
 * A hospital service (a lab test, a scan) as a FHIR R4 ServiceRequest
 * (https://hl7.org/fhir/R4/servicerequest.html), with its private details as a note, and, once
 * reported, a DiagnosticReport presenting the report file.
 */
export interface ServiceRequest extends Resource {
  resourceType: 'ServiceRequest';
  status: 'draft' | 'active' | 'completed' | 'revoked';
  intent: 'order';
  code: CodeableConcept;
  subject: Reference;
  authoredOn: string;
  performer: Reference[];
  note?: { text: string }[];
}

export interface DiagnosticReport extends Resource {
  resourceType: 'DiagnosticReport';
  status: 'final';
  code: CodeableConcept;
  subject: Reference;
  basedOn: Reference[];
  issued?: string;
  performer: Reference[];
  presentedForm?: Attachment[];
}

/** A quote the patient has not accepted is still a draft order; once accepted it is active until reported. */
export const SERVICE_STATUS: Record<ServiceStatus, ServiceRequest['status']> = {
  referred: 'draft',
  requested: 'draft',
  quoted: 'draft',
  accepted: 'active',
  paid: 'active',
  confirmed: 'active',
  reported: 'completed',
  cancelled: 'revoked',
  declined: 'revoked',
};

/** The catalogue code; a referral that left the service to the hospital has none, so the concept says so in text. */
function serviceCode(request: LedgerServiceRequest): CodeableConcept {
  return request.serviceCode === undefined
    ? { text: 'referral: the service is left to the hospital' }
    : { coding: [{ system: SYSTEMS.serviceCode, code: request.serviceCode }] };
}

export function serviceRequestOf(request: LedgerServiceRequest, details: ServiceDetails | null, naming: Naming = BUNDLE_NAMING): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: naming.id('ServiceRequest', request.id),
    identifier: [ledgerIdentifier('service-request', request.id)],
    extension: [statusExtension(request.status)],
    status: SERVICE_STATUS[request.status],
    intent: 'order',
    code: serviceCode(request),
    subject: naming.reference('Patient', request.patientId),
    authoredOn: request.requestedAt,
    performer: [naming.party(request.hospitalId, 'Organization')],
    ...(details === null ? {} : { note: [{ text: details.details }] }),
  };
}

/** The report of a reported request; `report` is the report file's content (where it is) when the reader has it. */
export function diagnosticReportOf(request: LedgerServiceRequest, report: Attachment | undefined, naming: Naming = BUNDLE_NAMING): DiagnosticReport | undefined {
  if (request.reportFileId === undefined) {
    return undefined;
  }
  return {
    resourceType: 'DiagnosticReport',
    id: naming.id('DiagnosticReport', request.id),
    identifier: [ledgerIdentifier('service-report', request.reportFileId)],
    status: 'final',
    code: serviceCode(request),
    subject: naming.reference('Patient', request.patientId),
    basedOn: [naming.reference('ServiceRequest', request.id)],
    ...(request.reportedAt === undefined ? {} : { issued: request.reportedAt }),
    performer: [naming.party(request.hospitalId, 'Organization')],
    ...(report === undefined ? {} : { presentedForm: [report] }),
  };
}
