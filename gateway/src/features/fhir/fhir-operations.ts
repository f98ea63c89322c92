import type { Operation } from '../../api/operation';
import { serverNaming } from '../../fhir/server-naming';
import type { FhirResourceModule, FhirServices } from './fhir-interactions';
import { binaryResource } from './binary-resource';
import { metadataOperation } from './fhir-metadata';
import { appointmentResource } from './appointment-resource';
import { auditEventResource } from './audit-event-resource';
import { consentResource } from './consent-resource';
import { medicationDispenseResource } from './medication-dispense-resource';
import { medicationRequestResource } from './medication-request-resource';
import { claimResource } from './claim-resource';
import { claimResponseResource } from './claim-response-resource';
import { coverageResource } from './coverage-resource';
import { insurancePlanResource } from './insurance-plan-resource';
import { diagnosticReportResource } from './diagnostic-report-resource';
import { documentReferenceResource } from './document-reference-resource';
import { serviceRequestResource } from './service-request-resource';
import { organizationResource, patientResource, practitionerResource } from './stakeholder-resources';

/** Every resource type served under /fhir, in CapabilityStatement order, one a line. Register a new module here (README.md). */
export const FHIR_RESOURCES: readonly FhirResourceModule[] = [
  patientResource,
  practitionerResource,
  organizationResource,
  consentResource,
  auditEventResource,
  appointmentResource,
  medicationRequestResource,
  medicationDispenseResource,
  insurancePlanResource,
  coverageResource,
  claimResource,
  claimResponseResource,
  serviceRequestResource,
  diagnosticReportResource,
  documentReferenceResource,
  binaryResource,
];

/** The FHIR facade's operations: /fhir/metadata and every registered interaction, named with relative references to the types served by id. */
export function fhirOperations(services: FhirServices, resources: readonly FhirResourceModule[] = FHIR_RESOURCES): Operation[] {
  const readable = new Set(resources.filter((resource) => resource.interactions.some((interaction) => interaction.interaction === 'read')).map((resource) => resource.type));
  const naming = serverNaming(readable);
  return [metadataOperation(resources), ...resources.flatMap((resource) => resource.interactions.map((interaction) => interaction.build(naming, services)))];
}
