import type { Context } from 'fabric-contract-api';
import { PROVIDER_ROLES, type Appointment, type AppointmentStatus, type DataCategory, type Role } from '../../contract';
import { requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { movePartyIndex, type PartyPosition } from '../../lib/party-index';
import { sortedCopy } from '../../lib/serialization';
import { objectKey, requireObject, writeObject } from '../../lib/state';
import { txTimeIso } from '../../lib/time';
import { endWorkflowGrant } from '../consent/grants';
import { requireObjectId } from '../../lib/validation';
import { APPOINTMENT_BY_PATIENT, APPOINTMENT_BY_PROVIDER, APPOINTMENT_DETAILS_TYPE, APPOINTMENT_TYPE, type AppointmentAction } from '../../models/appointment';

/* Appointment storage shared by the transactions: keys, loading by party, saving with both parties' indexes. */

/** The statuses that end an appointment, and with it the provider's grant on its reason. */
const ENDED_STATUSES: readonly AppointmentStatus[] = ['declined', 'cancelled', 'completed'];

export const PARTY_ROLES: readonly Role[] = ['patient', ...PROVIDER_ROLES];
/** The data category an appointment's private details belong to in consent grants. */
export const APPOINTMENT_CATEGORY = 'appointment' satisfies DataCategory;

export function appointmentKey(ctx: Context, id: string): string {
  return objectKey(ctx, APPOINTMENT_TYPE, [id]);
}

export function appointmentDetailsKey(ctx: Context, id: string): string {
  return objectKey(ctx, APPOINTMENT_DETAILS_TYPE, [id]);
}

export async function requireAppointment(ctx: Context, id: string): Promise<Appointment> {
  return requireObject<Appointment>(ctx, appointmentKey(ctx, id), `appointment ${id}`);
}

/** Loads the appointment for a caller who must be its patient, its provider, or either. */
export async function loadAsParty(
  ctx: Context,
  appointmentId: string,
  side: 'patient' | 'provider' | 'either',
): Promise<{ actor: Actor; appointment: Appointment }> {
  const roles = side === 'patient' ? (['patient'] as const) : side === 'provider' ? PROVIDER_ROLES : PARTY_ROLES;
  const actor = await requireActor(ctx, roles);
  requireObjectId('appointmentId', appointmentId);
  const appointment = await requireAppointment(ctx, appointmentId);
  const isPatient = actor.stakeholderId === appointment.patientId;
  const isProvider = actor.stakeholderId === appointment.providerId;
  const allowed = side === 'patient' ? isPatient : side === 'provider' ? isProvider : isPatient || isProvider;
  if (!allowed) {
    const who = side === 'either' ? 'the patient or the provider' : `the ${side}`;
    throw new ChaincodeError('NOT_OWNER', `only ${who} of appointment ${appointmentId} may do this`);
  }
  return { actor, appointment };
}

/** Writes the new state, moves both parties' index entries and emits the transaction's event. */
export async function save(ctx: Context, action: AppointmentAction, before: Appointment, changed: Appointment): Promise<Appointment> {
  const now = txTimeIso(ctx);
  const after: Appointment = { ...changed, updatedAt: now };
  await writeObject(ctx, appointmentKey(ctx, after.id), after);
  await movePartyIndex(ctx, APPOINTMENT_BY_PATIENT, patientPosition(before), patientPosition(after), after.id);
  await movePartyIndex(ctx, APPOINTMENT_BY_PROVIDER, providerPosition(before), providerPosition(after), after.id);
  if (ENDED_STATUSES.includes(after.status)) {
    await endWorkflowGrant(ctx, after.workflowGrantId, after.status);
  }
  emitEvent(ctx, action, eventOf(after, now));
  return sortedCopy(after);
}

export function patientPosition(appointment: Appointment): PartyPosition {
  return { partyId: appointment.patientId, status: appointment.status, sortKey: appointment.startsAt };
}

export function providerPosition(appointment: Appointment): PartyPosition {
  return { partyId: appointment.providerId, status: appointment.status, sortKey: appointment.startsAt };
}

/** IDs, status and times only; never the reason. */
export function eventOf(appointment: Appointment, at: string): Record<string, unknown> {
  return {
    appointmentId: appointment.id,
    patientId: appointment.patientId,
    providerId: appointment.providerId,
    status: appointment.status,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    proposedStartsAt: appointment.proposedStartsAt,
    proposedEndsAt: appointment.proposedEndsAt,
    at,
  };
}
