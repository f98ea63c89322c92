import type { ServiceRequest as LedgerServiceRequest } from '@medledger/chaincode/client';
import { SERVICE_STATUS, serviceRequestOf, type ServiceRequest } from '../../fhir/service-request';
import { hospitalServiceOperations } from '../care/hospital-services';
import { fhirRead, fhirSearch, type FhirResourceModule, type FhirCall } from './fhir-interactions';
import { stamped, updatedAsAsked } from './last-updated';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, patientSearchParam, statusSearchParam, type DateComparison } from './search-params';
import { fhirStatuses, statusFilter } from './status-filter';

const get = restDelegate(hospitalServiceOperations, 'getHospitalService');
const byPatient = restDelegate(hospitalServiceOperations, 'listPatientHospitalServices');
const mine = restDelegate(hospitalServiceOperations, 'listMyHospitalServices');

/** A hospital service request, as the REST read answers it (public record, without the details). */
export async function serviceRequestRead(call: FhirCall<{ id: string }, Record<string, unknown>>, requestId: string): Promise<LedgerServiceRequest> {
  return (await get.call(call, { params: { requestId }, query: call.query })) as LedgerServiceRequest;
}

/** One page of a patient's service requests (patient given) or the calling hospital's, in a ledger status or all. */
export async function serviceRequestPage(
  call: Parameters<typeof get.call>[0],
  page: { count: number; bookmark: string },
  values: { patient?: string; purpose?: string; ledgerStatus?: string },
): Promise<{ requests: LedgerServiceRequest[]; bookmark: string }> {
  const query = { ...restPageQuery(page), status: values.ledgerStatus, purpose: values.purpose };
  const answer = values.patient === undefined ? await mine.call(call, { query }) : await byPatient.call(call, { params: { patientId: values.patient }, query });
  const { items, bookmark } = ledgerPageOf(answer);
  return { requests: items as LedgerServiceRequest[], bookmark };
}

/**
 * ServiceRequest: a hospital service (a lab test, a scan) from estimate to report, its public
 * record (what is needed and why stays private: only the logged REST read returns it), read and
 * searched through the REST hospital-service operations: by `patient`, or the calling hospital’s.
 */
export const serviceRequestResource: FhirResourceModule = {
  type: 'ServiceRequest',
  interactions: [
    fhirRead({
      type: 'ServiceRequest',
      summary: 'A hospital service request (public record, without the details)',
      callers: 'its patient, its hospital (a referral only once the patient accepted it), the referring doctor',
      transaction: 'HospitalService:get',
      patientData: true,
      async read(call, requestId) {
        const request = await serviceRequestRead(call, requestId);
        return stamped(serviceRequestOf(request, null, call.fhir.naming), request.updatedAt);
      },
    }),
    fhirSearch<{ patient?: string; status?: ServiceRequest['status']; _lastUpdated?: DateComparison[]; date?: DateComparison[]; purpose?: string }>({
      type: 'ServiceRequest',
      summary: 'A patient’s hospital service requests (patient=), or the calling hospital’s, oldest first',
      callers: 'the patient, a delegate, a grantee with view on billing; without patient: hospital',
      transaction: 'HospitalService:listByPatient, HospitalService:listByHospital',
      patientData: true,
      params: [patientSearchParam, statusSearchParam(fhirStatuses(SERVICE_STATUS)), dateSearchParam('When it was requested (authoredOn)'), lastUpdatedSearchParam],
      async search(call, page) {
        const filter = statusFilter(SERVICE_STATUS, call.query.status);
        const { requests, bookmark } = await serviceRequestPage(call, page, { ...call.query, ...(filter.ledgerStatus === undefined ? {} : { ledgerStatus: filter.ledgerStatus }) });
        const kept = requests.filter((request) => filter.keeps(request.status) && matchesDates(request.requestedAt, call.query.date) && updatedAsAsked(request, call.query._lastUpdated));
        return { resources: kept.map((request) => stamped(serviceRequestOf(request, null, call.fhir.naming), request.updatedAt)), bookmark };
      },
    }),
  ],
};
