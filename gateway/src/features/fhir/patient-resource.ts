import { patientOf } from '../../fhir/patient';
import { Problem } from '../../api/errors/problems';
import { stakeholderId } from '../../api/schemas';
import { fhirRead, type FhirResourceModule } from './fhir-interactions';

/**
 * Patient: the pseudonymous stakeholder record of a patient (Stakeholder:get, which any registered
 * principal may read, as GET /stakeholders/{id}). Another role's record is not a Patient (404).
 */
export const patientResource: FhirResourceModule = {
  type: 'Patient',
  interactions: [
    fhirRead({
      type: 'Patient',
      summary: 'A patient, by pseudonymous ID (no name or other direct identifier)',
      callers: 'any registered principal',
      transaction: 'Stakeholder:get',
      async read({ principal, deps, fhir }, ledgerId) {
        if (!stakeholderId.safeParse(ledgerId).success) {
          throw new Problem('NOT_FOUND', `no Patient with id ${ledgerId}`);
        }
        const record = await deps.ledger.evaluateJson(principal, 'Stakeholder:get', [ledgerId]);
        if (record.role !== 'patient') {
          throw new Problem('NOT_FOUND', `no Patient with id ${ledgerId}`);
        }
        return patientOf(record.id, fhir.naming, { active: record.status === 'active', lastUpdated: record.updatedAt });
      },
    }),
  ],
};
