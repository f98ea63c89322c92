import type { Appointment as LedgerAppointment, AppointmentDetails, AppointmentStatus } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, ledgerIdentifier, type Naming, statusExtension } from './references';
import type { CodeableConcept, Reference, Resource } from './resources';

/** An appointment as a FHIR R4 Appointment (https://hl7.org/fhir/R4/appointment.html), with the reason for the visit when the reader may see it. */
export interface Appointment extends Resource {
  resourceType: 'Appointment';
  status: 'proposed' | 'pending' | 'booked' | 'fulfilled' | 'cancelled';
  start: string;
  end: string;
  created: string;
  reasonCode?: CodeableConcept[];
  participant: { actor: Reference; status: 'accepted' | 'tentative' | 'declined' | 'needs-action'; type?: CodeableConcept[] }[];
  requestedPeriod?: { start: string; end: string }[];
}

/** requested: the patient asked; proposed: the provider offered another slot; the rest as FHIR says. */
export const APPOINTMENT_STATUS: Record<AppointmentStatus, Appointment['status']> = {
  requested: 'proposed',
  proposed: 'pending',
  confirmed: 'booked',
  declined: 'cancelled',
  cancelled: 'cancelled',
  completed: 'fulfilled',
};
const PROVIDER_PARTICIPATION: Record<AppointmentStatus, Appointment['participant'][number]['status']> = {
  requested: 'needs-action',
  proposed: 'tentative',
  confirmed: 'accepted',
  declined: 'declined',
  cancelled: 'declined',
  completed: 'accepted',
};

export function appointmentOf(appointment: LedgerAppointment, details: AppointmentDetails | null, naming: Naming = BUNDLE_NAMING): Appointment {
  return {
    resourceType: 'Appointment',
    id: naming.id('Appointment', appointment.id),
    identifier: [ledgerIdentifier('appointment', appointment.id)],
    status: APPOINTMENT_STATUS[appointment.status],
    extension: [statusExtension(appointment.status)],
    start: appointment.startsAt,
    end: appointment.endsAt,
    created: appointment.createdAt,
    ...(details === null ? {} : { reasonCode: [{ text: details.reason }] }),
    participant: [
      { actor: naming.reference('Patient', appointment.patientId), status: 'accepted' },
      { actor: naming.party(appointment.providerId, appointment.providerRole === 'doctor' ? 'Practitioner' : 'Organization'), status: PROVIDER_PARTICIPATION[appointment.status] },
    ],
    ...(appointment.proposedStartsAt === undefined || appointment.proposedEndsAt === undefined ? {} : { requestedPeriod: [{ start: appointment.proposedStartsAt, end: appointment.proposedEndsAt }] }),
  };
}
