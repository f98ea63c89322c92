import { APPOINTMENT_MAX_MINUTES, APPOINTMENT_REASON_MAX, appointmentStatus, type Appointment } from '@medledger/chaincode/client';
import { z } from 'zod';
import { nonBlankText } from '../../api/text-schemas';
import { ledgerOperations, pathAndStatus, readBackById } from '../../api/ledger-operations';
import type { Operation } from '../../api/operation';
import { pageQuery } from '../../api/pagination';
import { instant, objectId, patientIdParams, stakeholderId } from '../../api/schemas';
import type { StepsOf } from '../../ledger/transaction-results';
import { appointmentDetailsModel, appointmentModel } from './visit-models';

const operations = ledgerOperations({ tag: 'Appointments' });
const appointmentIdParams = z.object({ appointmentId: objectId });
const listQuery = pageQuery.extend({ status: appointmentStatus.optional().describe('Only appointments in this status') });
const answer = { description: 'The appointment', schema: appointmentModel } as const;

/** A state change of one appointment: POST /appointments/{appointmentId}/<step>, no body, the updated appointment back. */
function step(path: string, operationId: string, summary: string, callers: string, transaction: StepsOf<'Appointment', Appointment>, description?: string): Operation {
  return operations.step({
    path: `/appointments/{appointmentId}/${path}`,
    operationId,
    summary,
    ...(description === undefined ? {} : { description }),
    callers,
    transaction: `Appointment:${transaction}`,
    params: appointmentIdParams,
    response: answer,
  });
}

/** Appointments between a patient and a verified doctor or hospital; the reason for the visit stays private. */
export const appointmentOperations: Operation[] = [
  operations.create({
    path: '/appointments',
    operationId: 'bookAppointment',
    summary: 'Book a slot with a verified doctor or hospital',
    description: `The reason travels to the chaincode in the transient map only: it is kept in private data, never in the public record or an event, and the gateway never logs it. The slot must start in the future and last at most ${APPOINTMENT_MAX_MINUTES / 60} hours.`,
    callers: 'patient',
    transaction: 'Appointment:book',
    body: z
      .object({
        providerId: stakeholderId.describe('An active doctor or hospital'),
        startsAt: instant,
        endsAt: instant,
        reason: nonBlankText(APPOINTMENT_REASON_MAX).describe('Reason for the visit; private, never logged'),
      })
      .strict(),
    args: ({ body }) => ['', body.providerId, body.startsAt, body.endsAt],
    transient: ({ body }) => ({ appointment: JSON.stringify({ reason: body.reason }) }),
    errors: [404],
    response: { description: 'The requested appointment (without the reason)', schema: appointmentModel },
    creates: readBackById('Appointment:get'),
  }),
  operations.read({
    path: '/appointments/{appointmentId}',
    patientData: true,
    operationId: 'getAppointment',
    summary: 'An appointment (public record, without the reason)',
    callers: 'its patient or provider',
    transaction: 'Appointment:get',
    params: appointmentIdParams,
    response: answer,
  }),
  step('confirmation', 'confirmAppointment', 'Confirm a requested appointment before it starts', 'its provider', 'confirm'),
  step('decline', 'declineAppointment', 'Decline a requested appointment', 'its provider', 'decline'),
  operations.step({
    path: '/appointments/{appointmentId}/proposal',
    operationId: 'proposeAppointmentTime',
    summary: 'Propose another slot for a requested or confirmed appointment',
    callers: 'its provider',
    transaction: 'Appointment:proposeTime',
    params: appointmentIdParams,
    body: z.object({ startsAt: instant, endsAt: instant }).strict(),
    args: ({ params, body }) => [params.appointmentId, body.startsAt, body.endsAt],
    response: { description: 'The appointment, status proposed', schema: appointmentModel },
  }),
  step(
    'proposal-acceptance',
    'acceptAppointmentProposal',
    'Accept the proposed slot; the appointment is confirmed at the new time',
    'its patient',
    'acceptProposal',
    'Refused with DEADLINE_PASSED once the proposed slot has started.',
  ),
  step('proposal-rejection', 'rejectAppointmentProposal', 'Reject the proposed slot; the request stands again at its original time', 'its patient', 'rejectProposal'),
  step('cancellation', 'cancelAppointment', 'Cancel an open appointment', 'its patient or provider', 'cancel'),
  step(
    'completion',
    'completeAppointment',
    'Mark a confirmed appointment completed',
    'its provider',
    'complete',
    'Refused with DEADLINE_NOT_REACHED before the appointment’s start time.',
  ),
  operations.loggedRead({
    path: '/appointments/{appointmentId}/detail-reads',
    operationId: 'readAppointmentDetails',
    summary: 'Read the appointment with its private reason (logged)',
    description:
      'Decided like any patient data (category appointment, record = the appointment): the patient and a delegate always; the provider under the grant the booking created (workflowGrantId), anyone else only under a view grant. A submitted transaction, so every read is in the patient’s access log.',
    callers: 'the patient, a delegate, the provider (its booking grant), a grantee',
    transaction: 'Appointment:accessDetails',
    params: appointmentIdParams,
    response: { description: 'The appointment, its reason and the basis of the read', schema: appointmentDetailsModel },
  }),
  operations.list({
    path: '/patients/{patientId}/appointments',
    patientData: true,
    operationId: 'listPatientAppointments',
    summary: 'A patient’s appointments by start time',
    callers: 'the patient, a delegate, a grantee with view on appointment',
    transaction: 'Appointment:listByPatient',
    params: patientIdParams,
    query: listQuery,
    args: pathAndStatus,
    response: { description: 'A page of appointments', item: appointmentModel },
  }),
  operations.list({
    path: '/me/appointments',
    patientData: true,
    operationId: 'listMyAppointments',
    summary: 'The calling provider’s appointments by start time',
    callers: 'doctor, hospital',
    transaction: 'Appointment:listByProvider',
    query: listQuery,
    args: pathAndStatus,
    response: { description: 'A page of appointments', item: appointmentModel },
  }),
];
