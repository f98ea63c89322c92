import { BUNDLE_NAMING, SYSTEMS, type Naming } from './references';
import type { Resource } from './resources';

export interface Patient extends Resource {
  resourceType: 'Patient';
  active: boolean;
  meta?: { lastUpdated: string };
}

/**
 * The patient as MedLedger knows them: the pseudonymous stakeholder ID only. The ledger holds no
 * name, birth date or address, and the gateway's sign-in records (display name, IdP subject) are
 * not health data, so nothing directly identifying goes into the resource. The server adds what
 * the stakeholder record says (active, last updated).
 */
export function patientOf(patientId: string, naming: Naming = BUNDLE_NAMING, record: { active: boolean; lastUpdated?: string } = { active: true }): Patient {
  return {
    resourceType: 'Patient',
    id: naming.id('Patient', patientId),
    ...(record.lastUpdated === undefined ? {} : { meta: { lastUpdated: record.lastUpdated } }),
    identifier: [{ system: SYSTEMS.stakeholder, value: patientId }],
    active: record.active,
  };
}
