import type { MedicineOrder } from '@medledger/chaincode/client';
import { DISPENSE_STATUS, medicationDispenseOf, medicationRequestKeys, type MedicationDispense } from '../../fhir/medication';
import type { Naming } from '../../fhir/references';
import { orderOperations } from '../prescriptions/orders';
import { fhirRead, fhirSearch, type FhirResourceModule } from './fhir-interactions';
import { stamped, updatedAsAsked } from './last-updated';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, patientSearchParam, statusSearchParam, type DateComparison } from './search-params';
import { fhirStatuses, statusFilter } from './status-filter';

const get = restDelegate(orderOperations, 'getOrder');
const byPatient = restDelegate(orderOperations, 'listPatientOrders');
const mine = restDelegate(orderOperations, 'listMyOrders');

type SearchValues = { patient?: string; status?: MedicationDispense['status']; _lastUpdated?: DateComparison[]; date?: DateComparison[]; purpose?: string };

/** An order as the server's MedicationDispense: authorized by its prescription's MedicationRequest; the medicine is not in the order's public state. */
function dispenseOf(order: MedicineOrder, naming: Naming): MedicationDispense {
  return stamped(medicationDispenseOf(order, medicationRequestKeys(order.prescriptionId, null), 'not disclosed', naming), order.updatedAt);
}

/**
 * MedicationDispense: a medicine order to a pharmacy, from placed to dispensed and received, read
 * and searched through the REST order operations. Search by `patient` is that patient's orders;
 * without it, the calling pharmacy's (its work queue, GET /me/orders).
 */
export const medicationDispenseResource: FhirResourceModule = {
  type: 'MedicationDispense',
  interactions: [
    fhirRead({
      type: 'MedicationDispense',
      summary: 'A medicine order',
      callers: 'its pharmacy, its patient, a delegate, a grantee of view on its prescription',
      transaction: 'Prescription:getOrder',
      patientData: true,
      async read(call, orderId) {
        return dispenseOf((await get.call(call, { params: { orderId }, query: call.query })) as MedicineOrder, call.fhir.naming);
      },
    }),
    fhirSearch<SearchValues>({
      type: 'MedicationDispense',
      summary: 'A patient’s medicine orders (patient=), or the calling pharmacy’s',
      callers: 'the patient, a delegate, a grantee of view on prescriptions; without patient: pharmacy',
      transaction: 'Prescription:listOrdersByPatient, Prescription:listOrdersByPharmacy',
      patientData: true,
      params: [patientSearchParam, statusSearchParam(fhirStatuses(DISPENSE_STATUS)), dateSearchParam('When it was handed over (whenHandedOver); an order not yet dispensed has no date'), lastUpdatedSearchParam],
      async search(call, page) {
        const { patient, status, _lastUpdated, date, purpose } = call.query;
        const filter = statusFilter(DISPENSE_STATUS, status);
        const query = { ...restPageQuery(page), status: filter.ledgerStatus, purpose };
        const answer = patient === undefined ? await mine.call(call, { query }) : await byPatient.call(call, { params: { patientId: patient }, query });
        const { items, bookmark } = ledgerPageOf(answer);
        const kept = (items as MedicineOrder[]).filter((order) => filter.keeps(order.status) && matchesDates(order.dispensedAt, date) && updatedAsAsked(order, _lastUpdated));
        return { resources: kept.map((order) => dispenseOf(order, call.fhir.naming)), bookmark };
      },
    }),
  ],
};
