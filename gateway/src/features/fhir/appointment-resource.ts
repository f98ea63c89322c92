import type { Appointment as LedgerAppointment } from '@medledger/chaincode/client';
import { Problem } from '../../api/errors/problems';
import { appointmentBooking } from '../../fhir/appointment-booking';
import { APPOINTMENT_STATUS, appointmentOf, type Appointment } from '../../fhir/appointment';
import { appointmentOperations } from '../care/appointments';
import { fhirCreate, fhirRead, fhirSearch, type FhirResourceModule } from './fhir-interactions';
import { stamped, updatedAsAsked } from './last-updated';
import { ledgerPageOf, restDelegate, restPageQuery } from './rest-delegate';
import { dateSearchParam, lastUpdatedSearchParam, matchesDates, patientSearchParam, statusSearchParam, type DateComparison } from './search-params';
import { fhirStatuses, statusFilter } from './status-filter';

const get = restDelegate(appointmentOperations, 'getAppointment');
const book = restDelegate(appointmentOperations, 'bookAppointment');
const byPatient = restDelegate(appointmentOperations, 'listPatientAppointments');
const mine = restDelegate(appointmentOperations, 'listMyAppointments');

type SearchValues = {
  patient?: string;
  status?: Appointment['status'];
  date?: DateComparison[];
  _lastUpdated?: DateComparison[];
  purpose?: string;
};

/**
 * Appointment: the public record of an appointment (without the reason for the visit, which only
 * the logged detail read returns), read, searched and booked through the REST appointment
 * operations. Search by `patient` is that patient's appointments (GET /patients/{id}/appointments);
 * without it, the calling provider's (GET /me/appointments).
 */
export const appointmentResource: FhirResourceModule = {
  type: 'Appointment',
  interactions: [
    fhirRead({
      type: 'Appointment',
      summary: 'An appointment (public record, without the reason)',
      callers: 'its patient or provider',
      transaction: 'Appointment:get',
      patientData: true,
      async read(call, appointmentId) {
        const appointment = (await get.call(call, { params: { appointmentId }, query: call.query })) as LedgerAppointment;
        return stamped(appointmentOf(appointment, null, call.fhir.naming), appointment.updatedAt);
      },
    }),
    fhirSearch<SearchValues>({
      type: 'Appointment',
      summary: 'A patient’s appointments (patient=), or the calling provider’s, by start time',
      callers: 'the patient, a delegate, a grantee with view on appointment; without patient: doctor, hospital',
      transaction: 'Appointment:listByPatient, Appointment:listByProvider',
      patientData: true,
      params: [patientSearchParam, statusSearchParam(fhirStatuses(APPOINTMENT_STATUS)), dateSearchParam('The appointment’s start'), lastUpdatedSearchParam],
      async search(call, page) {
        const { patient, status, date, _lastUpdated, purpose } = call.query;
        const filter = statusFilter(APPOINTMENT_STATUS, status);
        const query = { ...restPageQuery(page), status: filter.ledgerStatus, purpose };
        const answer = patient === undefined ? await mine.call(call, { query }) : await byPatient.call(call, { params: { patientId: patient }, query });
        const { items, bookmark } = ledgerPageOf(answer);
        const kept = (items as LedgerAppointment[]).filter((appointment) => filter.keeps(appointment.status) && matchesDates(appointment.startsAt, date) && updatedAsAsked(appointment, _lastUpdated));
        return { resources: kept.map((appointment) => stamped(appointmentOf(appointment, null, call.fhir.naming), appointment.updatedAt)), bookmark };
      },
    }),
    fhirCreate({
      type: 'Appointment',
      summary: 'Book: a proposed Appointment with one provider, as POST /appointments',
      callers: 'patient',
      transaction: 'Appointment:book',
      errors: [404],
      body: appointmentBooking,
      readBack: 'Appointment:get',
      async create(call) {
        const { booking, patientId } = call.body;
        if (patientId !== undefined && patientId !== call.principal.stakeholderId) {
          throw new Problem('VALIDATION_FAILED', 'participant: the Patient must be the caller: a patient books their own appointments');
        }
        const appointment = (await book.call(call, { body: booking })) as LedgerAppointment;
        return stamped(appointmentOf(appointment, null, call.fhir.naming), appointment.updatedAt);
      },
    }),
  ],
};
