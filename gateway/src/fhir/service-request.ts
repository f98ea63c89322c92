import type { ServiceDetails, ServiceRequest as LedgerServiceRequest, ServiceStatus } from '@medledger/chaincode/client';
import { ledgerIdentifier, partyReference, referenceTo, resourceId, statusExtension, SYSTEMS } from './references';
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
const STATUS: Record<ServiceStatus, ServiceRequest['status']> = {
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

export function serviceRequestOf(request: LedgerServiceRequest, details: ServiceDetails | null): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: resourceId('ServiceRequest', request.id),
    identifier: [ledgerIdentifier('service-request', request.id)],
    extension: [statusExtension(request.status)],
    status: STATUS[request.status],
    intent: 'order',
    code: serviceCode(request),
    subject: referenceTo('Patient', request.patientId),
    authoredOn: request.requestedAt,
    performer: [partyReference(request.hospitalId, 'Organization')],
    ...(details === null ? {} : { note: [{ text: details.details }] }),
  };
}

/** The report of a reported request; `report` is the report file's content (where it is) when the reader has it. */
export function diagnosticReportOf(request: LedgerServiceRequest, report: Attachment | undefined): DiagnosticReport | undefined {
  if (request.reportFileId === undefined) {
    return undefined;
  }
  return {
    resourceType: 'DiagnosticReport',
    id: resourceId('DiagnosticReport', request.id),
    identifier: [ledgerIdentifier('service-report', request.reportFileId)],
    status: 'final',
    code: serviceCode(request),
    subject: referenceTo('Patient', request.patientId),
    basedOn: [referenceTo('ServiceRequest', request.id)],
    ...(request.reportedAt === undefined ? {} : { issued: request.reportedAt }),
    performer: [partyReference(request.hospitalId, 'Organization')],
    ...(report === undefined ? {} : { presentedForm: [report] }),
  };
}
