import type { AccessLogEntry } from '@medledger/chaincode/client';
import { Problem } from '../../api/errors/problems';
import { auditEventOf } from '../../fhir/audit-event';
import { fhirSearch, type FhirCall, type FhirResourceModule, type LedgerPageRequest } from './fhir-interactions';
import { dateSearchParam, matchesDates, patientSearchParam, type DateComparison } from './search-params';

/**
 * AuditEvent: the accounting of disclosures (https://hl7.org/fhir/R4/auditevent.html), one event
 * per access-log entry, newest first, over the same transactions as /me/access-log and
 * /patients/{id}/access-log. The chaincode decides who may read a patient's log (the patient, a
 * delegate, the regulator); the mapping is the one the CSV and take-out exports use.
 */

interface AuditSearch {
  patient?: string;
  date?: DateComparison[];
}

/** The calling patient's own log without patient=, or the named patient's; another caller must name the patient. */
function logOf({ principal, deps, query }: FhirCall<Record<string, never>, AuditSearch>, { count, bookmark }: LedgerPageRequest) {
  const page = [String(count), bookmark];
  if (query.patient === undefined || query.patient === principal.stakeholderId) {
    if (principal.role !== 'patient') {
      throw new Problem('VALIDATION_FAILED', 'name the patient whose accesses to list: patient=Patient/{id}');
    }
    return deps.ledger.evaluateJson(principal, 'AccessLog:queryMine', ['{}', ...page]);
  }
  return deps.ledger.evaluateJson(principal, 'AccessLog:queryForPatient', [query.patient, '{}', ...page]);
}

export const auditEventResource: FhirResourceModule = {
  type: 'AuditEvent',
  interactions: [
    fhirSearch<AuditSearch>({
      type: 'AuditEvent',
      summary: 'Who accessed a patient’s data, or was refused, when, why and on what basis (the accounting of disclosures), newest first',
      callers: 'the patient (patient= optional), a delegate, the regulator',
      transaction: 'AccessLog:queryMine / AccessLog:queryForPatient',
      params: [patientSearchParam, dateSearchParam('When the access was recorded (AuditEvent.recorded)')],
      async search(call, page) {
        const log = await logOf(call, page);
        const matching = log.items.filter((entry: AccessLogEntry) => matchesDates(entry.at, call.query.date));
        return { resources: matching.map((entry) => auditEventOf(entry, call.fhir.naming)), bookmark: log.bookmark };
      },
    }),
  ],
};
