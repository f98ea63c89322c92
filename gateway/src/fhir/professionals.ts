import { BUNDLE_NAMING, SYSTEMS, type Naming } from './references';
import type { CodeableConcept, Resource } from './resources';

/**
 * Professionals as FHIR R4 resources: a doctor is a Practitioner, a hospital, pharmacy or insurer
 * an Organization. Like the Patient, only what the ledger holds: the pseudonymous stakeholder ID,
 * the role and whether it may act. Names and licence numbers stay off chain.
 */
export interface StakeholderFacts {
  id: string;
  role: string;
  active: boolean;
  lastUpdated: string;
}

export interface Practitioner extends Resource {
  resourceType: 'Practitioner';
  meta: { lastUpdated: string };
  active: boolean;
}

export interface Organization extends Resource {
  resourceType: 'Organization';
  meta: { lastUpdated: string };
  active: boolean;
  type: CodeableConcept[];
}

const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
/** HL7 organization-type: healthcare providers, and insurance companies. */
const ORGANIZATION_TYPE_OF: Readonly<Record<string, string>> = { hospital: 'prov', pharmacy: 'prov', insurer: 'ins' };

export function practitionerOf(facts: StakeholderFacts, naming: Naming = BUNDLE_NAMING): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: naming.id('Practitioner', facts.id),
    meta: { lastUpdated: facts.lastUpdated },
    identifier: [{ system: SYSTEMS.stakeholder, value: facts.id }],
    active: facts.active,
  };
}

export function organizationOf(facts: StakeholderFacts, naming: Naming = BUNDLE_NAMING): Organization {
  const code = ORGANIZATION_TYPE_OF[facts.role];
  return {
    resourceType: 'Organization',
    id: naming.id('Organization', facts.id),
    meta: { lastUpdated: facts.lastUpdated },
    identifier: [{ system: SYSTEMS.stakeholder, value: facts.id }],
    active: facts.active,
    type: [{ ...(code === undefined ? {} : { coding: [{ system: ORGANIZATION_TYPE, code }] }), text: facts.role }],
  };
}
