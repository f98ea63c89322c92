import type { Context } from 'fabric-contract-api';
import { APPOINTMENT_MAX_MINUTES, APPOINTMENT_REASON_MAX, PROVIDER_ROLES, type Appointment, type AppointmentDetails } from '../../contract';
import { requireActiveStakeholder, requireActor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { addToPartyIndex } from '../../lib/party-index';
import { requireTransientJson, writePatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { readObject, writeObject } from '../../lib/state';
import { txTime, txTimeIso } from '../../lib/time';
import { requireInstant, requireObjectId, requireStakeholderId, requireText } from '../../lib/validation';
import { APPOINTMENT_BY_PATIENT, APPOINTMENT_BY_PROVIDER } from '../../models/appointment';
import { createWorkflowGrant } from '../consent/grants';
import { APPOINTMENT_CATEGORY, appointmentDetailsKey, appointmentKey, eventOf, patientPosition, providerPosition } from './store';

/*
 * Booking: the patient asks a verified doctor or hospital for a slot, with a private reason, and in
 * the same transaction lets that provider view the reason (a workflow grant on this appointment).
 */

export async function book(ctx: Context, appointmentId: string, providerId: string, startsAt: string, endsAt: string): Promise<Appointment> {
  const actor = await requireActor(ctx, ['patient']);
  const id = appointmentId === '' ? newObjectId(ctx, 'apt') : requireObjectId('appointmentId', appointmentId);
  requireStakeholderId('providerId', providerId);
  const slot = requireSlot(ctx, startsAt, endsAt);
  const details = requireAppointmentDetails(ctx);
  const provider = await requireActiveStakeholder(ctx, providerId, PROVIDER_ROLES);
  if ((await readObject<Appointment>(ctx, appointmentKey(ctx, id))) !== undefined) {
    throw new ChaincodeError('ALREADY_EXISTS', `appointment ${id} already exists`);
  }

  const grant = await createWorkflowGrant(ctx, {
    patientId: actor.stakeholderId,
    grantee: provider,
    action: 'view',
    recordIds: [id],
    purpose: 'TREAT',
    workflow: { type: APPOINTMENT_CATEGORY, id },
  });
  const now = txTimeIso(ctx);
  const appointment: Appointment = {
    id,
    patientId: actor.stakeholderId,
    providerId,
    providerRole: provider.role === 'hospital' ? 'hospital' : 'doctor',
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: 'requested',
    workflowGrantId: grant.id,
    createdAt: now,
    updatedAt: now,
  };
  await writeObject(ctx, appointmentKey(ctx, id), appointment);
  await writePatientPrivate(ctx, actor.stakeholderId, appointmentDetailsKey(ctx, id), details);
  await addToPartyIndex(ctx, APPOINTMENT_BY_PATIENT, patientPosition(appointment), id);
  await addToPartyIndex(ctx, APPOINTMENT_BY_PROVIDER, providerPosition(appointment), id);
  emitEvent(ctx, 'book', eventOf(appointment, now));
  return sortedCopy(appointment);
}

/** A future slot that ends after it starts and lasts at most APPOINTMENT_MAX_MINUTES. */
export function requireSlot(ctx: Context, startsAt: string, endsAt: string): { startsAt: string; endsAt: string } {
  const start = requireInstant('startsAt', startsAt);
  const end = requireInstant('endsAt', endsAt);
  if (Date.parse(start) <= txTime(ctx).getTime()) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'startsAt must be in the future');
  }
  const minutes = (Date.parse(end) - Date.parse(start)) / 60000;
  if (minutes <= 0 || minutes > APPOINTMENT_MAX_MINUTES) {
    throw new ChaincodeError('INVALID_ARGUMENT', `endsAt must be after startsAt, at most ${APPOINTMENT_MAX_MINUTES} minutes later`);
  }
  return { startsAt: start, endsAt: end };
}

/** Transient 'appointment': {reason}. */
function requireAppointmentDetails(ctx: Context): AppointmentDetails {
  const input = requireTransientJson(ctx, 'appointment');
  if (typeof input.reason !== 'string') {
    throw new ChaincodeError('INVALID_ARGUMENT', 'appointment.reason is required');
  }
  return { reason: requireText('appointment.reason', input.reason, APPOINTMENT_REASON_MAX) };
}
