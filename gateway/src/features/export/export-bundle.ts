import type { AccessLogEntry } from '@medledger/chaincode/client';
import { appointmentOf } from '../../fhir/appointment';
import { auditEventOf } from '../../fhir/audit-event';
import { collectionBundle } from '../../fhir/bundle';
import { accessRequestConsentOf, breakGlassConsentOf, delegationConsentOf, grantConsentOf } from '../../fhir/consent';
import { amendmentDocumentOf, documentReferenceOf } from '../../fhir/document-reference';
import { applicationCoverageOf, claimOf, claimResponseOf, policyCoverageOf } from '../../fhir/insurance';
import { medicationDispenseOf, medicationRequestKeys, medicationRequestsOf } from '../../fhir/medication';
import { patientOf } from '../../fhir/patient';
import { ledgerIdentifier, resourceId } from '../../fhir/references';
import type { Attachment, Bundle, Resource } from '../../fhir/resources';
import { diagnosticReportOf, serviceRequestOf } from '../../fhir/service-request';
import type { ExportedAmendment, ExportedVersion, PatientData } from './patient-data';

/** Where content is inside the zip: each live file version's, and each amendment's that has its own. */
export interface ContentPaths {
  version: (version: ExportedVersion) => string;
  amendment: (amendment: ExportedAmendment) => string | undefined;
}

function fileResources(data: PatientData, paths: ContentPaths): Resource[] {
  return data.files.flatMap((file) => [
    ...file.live.map((live) => documentReferenceOf(live.head, live.version, paths.version(live), live.details)),
    ...file.amendments.flatMap((exported) => (exported.amendment.status === 'erased' ? [] : [amendmentDocumentOf(exported.amendment, exported.details, paths.amendment(exported))])),
  ]);
}

function consentResources(data: PatientData): Resource[] {
  return [
    ...data.grants.map((grant) => grantConsentOf(grant)),
    ...data.accessRequests.map((request) => accessRequestConsentOf(request)),
    ...data.delegations.map((delegation) => delegationConsentOf(delegation)),
    ...data.breakGlass.map((access) => breakGlassConsentOf(access)),
  ];
}

/** The report file of a reported service, when the take-out holds its latest version. */
function reportAttachment(data: PatientData, paths: ContentPaths, fileId: string | undefined): Attachment | undefined {
  const file = data.files.find((candidate) => candidate.head.fileId === fileId);
  const latest = file?.live.find((live) => live.version.version === file.head.latestVersion);
  return latest === undefined ? undefined : { contentType: latest.version.mediaType, url: paths.version(latest), size: latest.version.sizeBytes };
}

function careResources(data: PatientData, paths: ContentPaths): Resource[] {
  const itemsOf = new Map(data.prescriptions.map(({ prescription, items }) => [prescription.id, items]));
  return [
    ...data.appointments.map(({ appointment, details }) => appointmentOf(appointment, details)),
    ...data.hospitalServices.flatMap(({ request, details }) => {
      const report = diagnosticReportOf(request, reportAttachment(data, paths, request.reportFileId));
      return report === undefined ? [serviceRequestOf(request, details)] : [serviceRequestOf(request, details), report];
    }),
    ...data.prescriptions.flatMap(({ prescription, items }) => medicationRequestsOf(prescription, items)),
    ...data.orders.flatMap((order) => {
      const items = itemsOf.get(order.prescriptionId);
      // An order always names one of the patient's prescriptions; the take-out read them all.
      if (items === undefined) {
        return [];
      }
      return [medicationDispenseOf(order, medicationRequestKeys(order.prescriptionId, items), items.map((item) => item.medicine).join('; '))];
    }),
  ];
}

function insuranceResources(data: PatientData): Resource[] {
  return [
    ...data.policies.map((policy) => policyCoverageOf(policy)),
    ...data.insuranceApplications.filter((application) => application.policyId === undefined).map((application) => applicationCoverageOf(application)),
    ...data.claims.flatMap(({ claim, details }) => {
      const response = claimResponseOf(claim);
      return response === undefined ? [claimOf(claim, details)] : [claimOf(claim, details), response];
    }),
  ];
}

/** An access-log entry's AuditEvent with a UUID id like every resource here (a fullUrl is urn:uuid:<id>), the entry's ID kept as its identifier. */
function auditEventInBundle(entry: AccessLogEntry): Resource {
  return { ...auditEventOf(entry), id: resourceId('AuditEvent', entry.id), identifier: [ledgerIdentifier('access-log', entry.id)] };
}

/**
 * The patient's data as one FHIR R4 Bundle (type collection): the Patient, then consents, the
 * access log, files, care flows and insurance, every reference between them resolving inside it.
 */
export function exportBundle(data: PatientData, generatedAt: string, paths: ContentPaths): Bundle {
  return collectionBundle(`take-out:${data.patientId}`, generatedAt, [
    patientOf(data.patientId),
    ...consentResources(data),
    ...data.accessLog.map(auditEventInBundle),
    ...fileResources(data, paths),
    ...careResources(data, paths),
    ...insuranceResources(data),
  ]);
}
