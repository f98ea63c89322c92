import { Problem } from '../../api/errors/problems';
import { diagnosticReportOf, type DiagnosticReport } from '../../fhir/service-request';
import { fhirRead, fhirSearch, type FhirResourceModule } from './fhir-interactions';
import { stamped, updatedAsAsked } from './last-updated';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, patientSearchParam, type DateComparison } from './search-params';
import { serviceRequestPage, serviceRequestRead } from './service-request-resource';

/** The ledger status of a request whose report is attached. */
const REPORTED = 'reported';

/**
 * DiagnosticReport: the report of a reported hospital service, based on its ServiceRequest (the
 * same id). The report file is a medical file of the patient, read through the files API under the
 * patient's consent; the report names it by identifier. Read and searched as the service requests
 * are (the same REST reads), listing the reported ones.
 */
export const diagnosticReportResource: FhirResourceModule = {
  type: 'DiagnosticReport',
  interactions: [
    fhirRead({
      type: 'DiagnosticReport',
      summary: 'The report of a reported hospital service',
      callers: 'its patient, its hospital, the referring doctor',
      transaction: 'HospitalService:get',
      patientData: true,
      async read(call, requestId) {
        const request = await serviceRequestRead(call, requestId);
        const report = diagnosticReportOf(request, undefined, call.fhir.naming);
        if (report === undefined) {
          throw new Problem('NOT_FOUND', `hospital service ${requestId} has no report yet: no DiagnosticReport`);
        }
        return stamped(report, request.updatedAt);
      },
    }),
    fhirSearch<{ patient?: string; _lastUpdated?: DateComparison[]; date?: DateComparison[]; purpose?: string }>({
      type: 'DiagnosticReport',
      summary: 'The reports of a patient’s hospital services (patient=), or of the calling hospital’s',
      callers: 'the patient, a delegate, a grantee with view on billing; without patient: hospital',
      transaction: 'HospitalService:listByPatient, HospitalService:listByHospital',
      patientData: true,
      params: [patientSearchParam, dateSearchParam('When it was reported (issued)'), lastUpdatedSearchParam],
      async search(call, page) {
        const { requests, bookmark } = await serviceRequestPage(call, page, { ...call.query, ledgerStatus: REPORTED });
        const resources = requests.flatMap((request): DiagnosticReport[] => {
          const report = diagnosticReportOf(request, undefined, call.fhir.naming);
          const asked = matchesDates(request.reportedAt, call.query.date) && updatedAsAsked(request, call.query._lastUpdated);
          return report === undefined || !asked ? [] : [stamped(report, request.updatedAt)];
        });
        return { resources, bookmark };
      },
    }),
  ],
};
