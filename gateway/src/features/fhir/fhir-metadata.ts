import { defineOperation, type Operation } from '../../api/operation';
import { capabilityStatementOf, type ServedType } from '../../fhir/capability-statement';
import { FHIR_BASE_PATH, FHIR_CONTENT_TYPE } from '../../fhir/fhir-media';
import { fhirBase, fhirResourceSchema, type FhirResourceModule } from './fhir-interactions';

/** The gateway's version as the CapabilityStatement names it. */
const SOFTWARE_VERSION = '0.1.0';

/** What the registered modules serve: each type with the interactions and search parameters it declares. */
export function servedTypes(resources: readonly FhirResourceModule[]): ServedType[] {
  return resources.map((resource) => ({
    type: resource.type,
    interactions: resource.interactions.map((interaction) => interaction.interaction),
    searchParams: resource.interactions.flatMap((interaction) => interaction.searchParams),
    ...(resource.versioned === true ? { versioned: true } : {}),
    ...(resource.documentation === undefined ? {} : { documentation: resource.documentation }),
  }));
}

/** GET /fhir/metadata: the CapabilityStatement, generated from the registered interactions; public, as FHIR clients read it before they authenticate. */
export function metadataOperation(resources: readonly FhirResourceModule[]): Operation {
  const served = servedTypes(resources);
  return defineOperation({
    method: 'get',
    path: `${FHIR_BASE_PATH}/metadata`,
    operationId: 'fhirCapabilities',
    summary: 'The FHIR CapabilityStatement: resource types, interactions and search parameters served under /fhir',
    tag: 'FHIR',
    access: 'public',
    response: { status: 200, description: 'The CapabilityStatement', schema: fhirResourceSchema('CapabilityStatement'), contentType: FHIR_CONTENT_TYPE },
    handle: ({ req, deps }) => capabilityStatementOf(served, { date: deps.clock().toISOString(), base: fhirBase(req), version: SOFTWARE_VERSION }),
  });
}
