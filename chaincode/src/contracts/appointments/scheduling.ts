import type { Context } from 'fabric-contract-api';
import type { Appointment } from '../../contract';
import { ChaincodeError } from '../../lib/errors';
import { nextStatus } from '../../lib/status-machine';
import { hasPassed } from '../../lib/time';
import { APPOINTMENT_TRANSITIONS } from '../../models/appointment';
import { requireSlot } from './booking';
import { loadAsParty, save } from './store';

/* Scheduling after booking: confirmation, decline, counter-proposals, cancellation and completion. */

export async function confirm(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'confirm', appointment.status, `appointment ${appointment.id}`);
  if (hasPassed(ctx, appointment.startsAt)) {
    throw new ChaincodeError('DEADLINE_PASSED', `appointment ${appointment.id} was due to start at ${appointment.startsAt}`);
  }
  return save(ctx, 'confirm', appointment, { ...appointment, status });
}

export async function decline(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'decline', appointment.status, `appointment ${appointment.id}`);
  return save(ctx, 'decline', appointment, { ...appointment, status });
}

export async function proposeTime(ctx: Context, appointmentId: string, newStartsAt: string, newEndsAt: string): Promise<Appointment> {
  const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
  const slot = requireSlot(ctx, newStartsAt, newEndsAt);
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'proposeTime', appointment.status, `appointment ${appointment.id}`);
  return save(ctx, 'proposeTime', appointment, {
    ...appointment,
    status,
    proposedStartsAt: slot.startsAt,
    proposedEndsAt: slot.endsAt,
  });
}

export async function acceptProposal(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { appointment } = await loadAsParty(ctx, appointmentId, 'patient');
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'acceptProposal', appointment.status, `appointment ${appointment.id}`);
  const { proposedStartsAt, proposedEndsAt } = appointment;
  if (proposedStartsAt === undefined || proposedEndsAt === undefined) {
    throw new ChaincodeError('INVALID_STATE', `appointment ${appointment.id} has no proposed time`);
  }
  if (hasPassed(ctx, proposedStartsAt)) {
    throw new ChaincodeError('DEADLINE_PASSED', `the proposed slot started at ${proposedStartsAt}`);
  }
  return save(ctx, 'acceptProposal', appointment, withoutProposal({ ...appointment, status, startsAt: proposedStartsAt, endsAt: proposedEndsAt }));
}

export async function rejectProposal(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { appointment } = await loadAsParty(ctx, appointmentId, 'patient');
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'rejectProposal', appointment.status, `appointment ${appointment.id}`);
  return save(ctx, 'rejectProposal', appointment, withoutProposal({ ...appointment, status }));
}

export async function cancel(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { actor, appointment } = await loadAsParty(ctx, appointmentId, 'either');
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'cancel', appointment.status, `appointment ${appointment.id}`);
  return save(ctx, 'cancel', appointment, withoutProposal({ ...appointment, status, cancelledBy: actor.stakeholderId }));
}

export async function complete(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
  const status = nextStatus(APPOINTMENT_TRANSITIONS, 'complete', appointment.status, `appointment ${appointment.id}`);
  if (!hasPassed(ctx, appointment.startsAt)) {
    throw new ChaincodeError('DEADLINE_NOT_REACHED', `appointment ${appointment.id} starts at ${appointment.startsAt}`);
  }
  return save(ctx, 'complete', appointment, { ...appointment, status });
}

function withoutProposal(appointment: Appointment): Appointment {
  return { ...appointment, proposedStartsAt: undefined, proposedEndsAt: undefined };
}
