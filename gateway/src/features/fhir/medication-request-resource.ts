import type { Prescription } from '@medledger/chaincode/client';
import { Problem } from '../../api/errors/problems';
import { medicationRequestsOf, REQUEST_STATUS, type MedicationRequest } from '../../fhir/medication';
import { prescribing } from '../../fhir/prescribing';
import type { Naming } from '../../fhir/references';
import { prescriptionOperations } from '../prescriptions/prescriptions';
import { fhirCreate, fhirRead, fhirSearch, type FhirResourceModule } from './fhir-interactions';
import { stamped, updatedAsAsked } from './last-updated';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, patientSearchParam, statusSearchParam, type DateComparison } from './search-params';
import { fhirStatuses, statusFilter } from './status-filter';

const get = restDelegate(prescriptionOperations, 'getPrescription');
const issue = restDelegate(prescriptionOperations, 'issuePrescription');
const byPatient = restDelegate(prescriptionOperations, 'listPatientPrescriptions');

type SearchValues = { patient?: string; status?: MedicationRequest['status']; _lastUpdated?: DateComparison[]; date?: DateComparison[]; purpose?: string };

/** The server's MedicationRequest of a prescription: its public state, one resource (what was prescribed only the logged REST read returns). */
function requestOf(prescription: Prescription, naming: Naming): MedicationRequest {
  const [request] = medicationRequestsOf(prescription, null, naming);
  if (request === undefined) {
    throw new Error('a prescription maps to one MedicationRequest without its items');
  }
  return stamped(request, prescription.updatedAt);
}

/**
 * MedicationRequest: a prescription's public state (IDs, quantities, refills, validity, status;
 * never what was prescribed, which travels in the transient map and comes back only from the
 * logged REST read), read, searched by patient and issued through the REST prescription operations.
 */
export const medicationRequestResource: FhirResourceModule = {
  type: 'MedicationRequest',
  interactions: [
    fhirRead({
      type: 'MedicationRequest',
      summary: 'A prescription’s public state (the medication is not disclosed here)',
      callers: 'the patient, a delegate, the issuing doctor, a grantee of view on it',
      transaction: 'Prescription:getPrescription',
      patientData: true,
      async read(call, prescriptionId) {
        return requestOf((await get.call(call, { params: { prescriptionId }, query: call.query })) as Prescription, call.fhir.naming);
      },
    }),
    fhirSearch<SearchValues>({
      type: 'MedicationRequest',
      summary: 'A patient’s prescriptions (public state), oldest first within a status',
      callers: 'the patient, a delegate, a grantee of view on prescriptions',
      transaction: 'Prescription:listPrescriptionsByPatient',
      patientData: true,
      params: [patientSearchParam, statusSearchParam(fhirStatuses(REQUEST_STATUS)), dateSearchParam('When it was issued (authoredOn)'), lastUpdatedSearchParam],
      async search(call, page) {
        const { patient, status, _lastUpdated, date, purpose } = call.query;
        if (patient === undefined) {
          throw new Problem('VALIDATION_FAILED', 'patient: required: prescriptions are searched by patient');
        }
        const filter = statusFilter(REQUEST_STATUS, status);
        const answer = await byPatient.call(call, { params: { patientId: patient }, query: { ...restPageQuery(page), status: filter.ledgerStatus, purpose } });
        const { items, bookmark } = ledgerPageOf(answer);
        const kept = (items as Prescription[]).filter((prescription) => filter.keeps(prescription.status) && matchesDates(prescription.issuedAt, date) && updatedAsAsked(prescription, _lastUpdated));
        return { resources: kept.map((prescription) => requestOf(prescription, call.fhir.naming)), bookmark };
      },
    }),
    fhirCreate({
      type: 'MedicationRequest',
      summary: 'Prescribe one medicine, as POST /prescriptions (the medication travels in the transient map only)',
      callers: 'active doctor with the patient’s edit grant on prescription',
      transaction: 'Prescription:issue',
      errors: [404],
      body: prescribing,
      readBack: 'Prescription:getPrescription',
      async create(call) {
        const { prescription, requesterId } = call.body;
        if (requesterId !== undefined && requesterId !== call.principal.stakeholderId) {
          throw new Problem('VALIDATION_FAILED', 'requester: must be the caller: a doctor prescribes in their own name');
        }
        return requestOf((await issue.call(call, { body: prescription })) as Prescription, call.fhir.naming);
      },
    }),
  ],
};
