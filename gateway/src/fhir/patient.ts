import { resourceId, SYSTEMS } from './references';
import type { Resource } from './resources';

export interface Patient extends Resource {
  resourceType: 'Patient';
  active: boolean;
}

/**
 * The patient as MedLedger knows them: the pseudonymous stakeholder ID only. The ledger holds no
 * name, birth date or address, and the gateway's sign-in records (display name, IdP subject) are
 * not health data, so nothing directly identifying goes into the Bundle.
 */
export function patientOf(patientId: string): Patient {
  return {
    resourceType: 'Patient',
    id: resourceId('Patient', patientId),
    identifier: [{ system: SYSTEMS.stakeholder, value: patientId }],
    active: true,
  };
}
