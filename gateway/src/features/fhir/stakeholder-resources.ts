import type { Stakeholder } from '@medledger/chaincode/client';
import { patientOf } from '../../fhir/patient';
import { organizationOf, practitionerOf } from '../../fhir/professionals';
import { resourceTypeOfRole } from '../../fhir/references';
import type { Resource } from '../../fhir/resources';
import type { Naming } from '../../fhir/references';
import { Problem } from '../../api/errors/problems';
import { stakeholderId } from '../../api/schemas';
import { fhirRead, type FhirResourceModule } from './fhir-interactions';

/**
 * Patient, Practitioner and Organization: the pseudonymous stakeholder record (Stakeholder:get,
 * which any registered principal may read, as GET /stakeholders/{id}) as the resource type its
 * role is (fhir/references.ts resourceTypeOfRole). A record of another role is not found (404).
 */
type StakeholderType = 'Patient' | 'Practitioner' | 'Organization';

const MAPPERS: Readonly<Record<StakeholderType, (record: Stakeholder, naming: Naming) => Resource>> = {
  Patient: (record, naming) => patientOf(record.id, naming, { active: record.status === 'active', lastUpdated: record.updatedAt }),
  Practitioner: (record, naming) => practitionerOf(factsOf(record), naming),
  Organization: (record, naming) => organizationOf(factsOf(record), naming),
};

function factsOf(record: Stakeholder) {
  return { id: record.id, role: record.role, active: record.status === 'active', lastUpdated: record.updatedAt };
}

function stakeholderResource(type: StakeholderType, summary: string): FhirResourceModule {
  return {
    type,
    interactions: [
      fhirRead({
        type,
        summary,
        callers: 'any registered principal',
        transaction: 'Stakeholder:get',
        async read({ principal, deps, fhir }, ledgerId) {
          if (!stakeholderId.safeParse(ledgerId).success) {
            throw new Problem('NOT_FOUND', `no ${type} with id ${ledgerId}`);
          }
          const record = await deps.ledger.evaluateJson(principal, 'Stakeholder:get', [ledgerId]);
          if (resourceTypeOfRole(record.role) !== type) {
            throw new Problem('NOT_FOUND', `no ${type} with id ${ledgerId}`);
          }
          return MAPPERS[type](record, fhir.naming);
        },
      }),
    ],
  };
}

export const patientResource = stakeholderResource('Patient', 'A patient, by pseudonymous ID (no name or other direct identifier)');
export const practitionerResource = stakeholderResource('Practitioner', 'A doctor, by pseudonymous ID');
export const organizationResource = stakeholderResource('Organization', 'A hospital, pharmacy or insurer, by pseudonymous ID');
