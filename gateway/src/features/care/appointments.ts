import { APPOINTMENT_MAX_MINUTES, APPOINTMENT_REASON_MAX, appointmentStatus, type Appointment } from '@medledger/chaincode';
import { z } from 'zod';
import { nonBlankText } from '../../api/text-schemas';
import { defineOperation, type Operation } from '../../api/operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery } from '../../api/pagination';
import { emptyBody, instant, objectId, patientIdParams, stakeholderId } from '../../api/schemas';
import type { StepsOf } from '../../ledger/transaction-results';
import { appointmentDetailsModel, appointmentModel } from './visit-models';

const tag = 'Appointments';
const appointmentIdParams = z.object({ appointmentId: objectId });
const listQuery = pageQuery.extend({ status: appointmentStatus.optional().describe('Only appointments in this status') });
const answer = { status: 200, description: 'The appointment', schema: appointmentModel } as const;

/** A state change of one appointment: POST /appointments/{appointmentId}/<step>, no body, the updated appointment back. */
function step(path: string, operationId: string, summary: string, callers: string, transaction: StepsOf<'Appointment', Appointment>, description?: string): Operation {
  return defineOperation({
    method: 'post',
    path: `/appointments/{appointmentId}/${path}`,
    operationId,
    summary,
    ...(description === undefined ? {} : { description }),
    tag,
    access: { scope: 'write' },
    callers,
    transaction: `Appointment:${transaction}`,
    params: appointmentIdParams,
    body: emptyBody,
    response: answer,
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, `Appointment:${transaction}`, [params.appointmentId]);
    },
  });
}

/** Appointments between a patient and a verified doctor or hospital; the reason for the visit stays private. */
export const appointmentOperations: Operation[] = [
  defineOperation({
    method: 'post',
    path: '/appointments',
    operationId: 'bookAppointment',
    summary: 'Book a slot with a verified doctor or hospital',
    description: `The reason travels to the chaincode in the transient map only: it is kept in private data, never in the public record or an event, and the gateway never logs it. The slot must start in the future and last at most ${APPOINTMENT_MAX_MINUTES / 60} hours.`,
    tag,
    access: { scope: 'write' },
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
    errors: [404],
    response: { status: 201, description: 'The requested appointment (without the reason)', schema: appointmentModel },
    creates: { readBack: (appointment) => ({ transaction: 'Appointment:get', args: [appointment.id] }) },
    async handle({ principal, body, deps }) {
      return deps.ledger.submitJson(principal, 'Appointment:book', ['', body.providerId, body.startsAt, body.endsAt], { appointment: JSON.stringify({ reason: body.reason }) });
    },
  }),
  defineOperation({
    method: 'get',
    path: '/appointments/{appointmentId}',
    operationId: 'getAppointment',
    summary: 'An appointment (public record, without the reason)',
    tag,
    access: { scope: 'read' },
    callers: 'its patient or provider',
    transaction: 'Appointment:get',
    params: appointmentIdParams,
    response: answer,
    async handle({ principal, params, deps }) {
      return deps.ledger.evaluateJson(principal, 'Appointment:get', [params.appointmentId]);
    },
  }),
  step('confirmation', 'confirmAppointment', 'Confirm a requested appointment before it starts', 'its provider', 'confirm'),
  step('decline', 'declineAppointment', 'Decline a requested appointment', 'its provider', 'decline'),
  defineOperation({
    method: 'post',
    path: '/appointments/{appointmentId}/proposal',
    operationId: 'proposeAppointmentTime',
    summary: 'Propose another slot for a requested or confirmed appointment',
    tag,
    access: { scope: 'write' },
    callers: 'its provider',
    transaction: 'Appointment:proposeTime',
    params: appointmentIdParams,
    body: z.object({ startsAt: instant, endsAt: instant }).strict(),
    response: { status: 200, description: 'The appointment, status proposed', schema: appointmentModel },
    async handle({ principal, params, body, deps }) {
      return deps.ledger.submitJson(principal, 'Appointment:proposeTime', [params.appointmentId, body.startsAt, body.endsAt]);
    },
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
  defineOperation({
    method: 'post',
    path: '/appointments/{appointmentId}/detail-reads',
    operationId: 'readAppointmentDetails',
    summary: 'Read the appointment with its private reason (logged)',
    description:
      'Decided like any patient data (category appointment, record = the appointment): the patient and a delegate always; the provider or anyone else only under a view grant. A submitted transaction, so every read is in the patient’s access log.',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee (the provider needs a grant too)',
    transaction: 'Appointment:accessDetails',
    params: appointmentIdParams,
    body: emptyBody,
    response: { status: 200, description: 'The appointment, its reason and the basis of the read', schema: appointmentDetailsModel },
    async handle({ principal, params, deps }) {
      return deps.ledger.submitJson(principal, 'Appointment:accessDetails', [params.appointmentId]);
    },
  }),
  defineOperation({
    method: 'get',
    path: '/patients/{patientId}/appointments',
    operationId: 'listPatientAppointments',
    summary: 'A patient’s appointments by start time',
    tag,
    access: { scope: 'read' },
    callers: 'the patient, a delegate, a grantee with view on appointment',
    transaction: 'Appointment:listByPatient',
    params: patientIdParams,
    query: listQuery,
    response: { status: 200, description: 'A page of appointments', schema: pageOf(appointmentModel) },
    async handle({ principal, params, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Appointment:listByPatient', [params.patientId, query.status ?? '', ...pageArgs(query)]));
    },
  }),
  defineOperation({
    method: 'get',
    path: '/me/appointments',
    operationId: 'listMyAppointments',
    summary: 'The calling provider’s appointments by start time',
    tag,
    access: { scope: 'read' },
    callers: 'doctor, hospital',
    transaction: 'Appointment:listByProvider',
    query: listQuery,
    response: { status: 200, description: 'A page of appointments', schema: pageOf(appointmentModel) },
    async handle({ principal, query, deps }) {
      return pageFromLedger(await deps.ledger.evaluateJson(principal, 'Appointment:listByProvider', [query.status ?? '', ...pageArgs(query)]));
    },
  }),
];
