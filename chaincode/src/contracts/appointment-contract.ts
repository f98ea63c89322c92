import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  APPOINTMENT_MAX_MINUTES,
  APPOINTMENT_REASON_MAX,
  APPOINTMENT_STATUSES,
  PROVIDER_ROLES,
  type Appointment,
  type AppointmentDetails,
  type AppointmentStatus,
  type AppointmentWithDetails,
  type DataCategory,
  type Page,
  type Role,
} from '../contract';
import { decideAccess, type AccessQuery } from '../lib/access-decision';
import { recordAccess } from '../lib/access-log';
import { requireActiveStakeholder, requireActor, type Actor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { newObjectId } from '../lib/ids';
import { addToPartyIndex, movePartyIndex, pageByParty, type PartyPosition } from '../lib/party-index';
import { HEALTH_COLLECTION, requireTransientJson } from '../lib/private-data';
import { sortedCopy } from '../lib/serialization';
import { objectKey, readObject, readPrivate, requireObject, writeObject, writePrivate } from '../lib/state';
import { nextStatus } from '../lib/status-machine';
import { hasPassed, txTime, txTimeIso } from '../lib/time';
import { requireInstant, requireObjectId, requireOneOf, requireStakeholderId, requireText } from '../lib/validation';
import {
  APPOINTMENT_BY_PATIENT,
  APPOINTMENT_BY_PROVIDER,
  APPOINTMENT_DETAILS_TYPE,
  APPOINTMENT_TRANSITIONS,
  APPOINTMENT_TYPE,
  type AppointmentAction,
} from '../models/appointment';

const PARTY_ROLES: readonly Role[] = ['patient', ...PROVIDER_ROLES];
/** The data category an appointment's private details belong to in consent grants. */
export const APPOINTMENT_CATEGORY: DataCategory = 'appointment';

/**
 * Appointments between a patient and a verified doctor or hospital: booking, confirmation or a
 * counter-proposal, cancellation and completion. The visit reason is private; parties see the
 * public record, and the reason is read through the access decision and logged.
 */
@Info({ title: 'Appointment', description: 'Booking and scheduling of appointments with doctors and hospitals' })
export class AppointmentContract extends Contract {
  constructor() {
    super('Appointment');
  }

  /**
   * The patient books a slot with a verified doctor or hospital. appointmentId may be '' (the
   * chaincode allocates one) or an ID the gateway allocated. Transient 'appointment': {reason}.
   */
  @Transaction()
  @Returns('Appointment')
  async book(ctx: Context, appointmentId: string, providerId: string, startsAt: string, endsAt: string): Promise<Appointment> {
    const actor = await requireActor(ctx, ['patient']);
    const id = appointmentId === '' ? newObjectId(ctx, 'apt') : requireObjectId('appointmentId', appointmentId);
    requireStakeholderId('providerId', providerId);
    const slot = requireSlot(ctx, startsAt, endsAt);
    const details = requireAppointmentDetails(ctx);
    const provider = await requireActiveStakeholder(ctx, providerId, PROVIDER_ROLES);
    if ((await readObject<Appointment>(ctx, appointmentKey(ctx, id))) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `appointment ${id} already exists`);
    }

    const now = txTimeIso(ctx);
    const appointment: Appointment = {
      id,
      patientId: actor.stakeholderId,
      providerId,
      providerRole: provider.role === 'hospital' ? 'hospital' : 'doctor',
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: 'requested',
      createdAt: now,
      updatedAt: now,
    };
    await writeObject(ctx, appointmentKey(ctx, id), appointment);
    await writePrivate(ctx, HEALTH_COLLECTION, appointmentDetailsKey(ctx, id), details);
    await addToPartyIndex(ctx, APPOINTMENT_BY_PATIENT, patientPosition(appointment), id);
    await addToPartyIndex(ctx, APPOINTMENT_BY_PROVIDER, providerPosition(appointment), id);
    emitEvent(ctx, 'book', eventOf(appointment, now));
    return sortedCopy(appointment);
  }

  /** The provider confirms a requested appointment before it starts. */
  @Transaction()
  @Returns('Appointment')
  async confirm(ctx: Context, appointmentId: string): Promise<Appointment> {
    const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
    const status = nextStatus(APPOINTMENT_TRANSITIONS, 'confirm', appointment.status, `appointment ${appointment.id}`);
    if (hasPassed(ctx, appointment.startsAt)) {
      throw new ChaincodeError('DEADLINE_PASSED', `appointment ${appointment.id} was due to start at ${appointment.startsAt}`);
    }
    return save(ctx, 'confirm', appointment, { ...appointment, status });
  }

  /** The provider declines a requested appointment. */
  @Transaction()
  @Returns('Appointment')
  async decline(ctx: Context, appointmentId: string): Promise<Appointment> {
    const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
    const status = nextStatus(APPOINTMENT_TRANSITIONS, 'decline', appointment.status, `appointment ${appointment.id}`);
    return save(ctx, 'decline', appointment, { ...appointment, status });
  }

  /** The provider proposes another slot for a requested or confirmed appointment. */
  @Transaction()
  @Returns('Appointment')
  async proposeTime(ctx: Context, appointmentId: string, newStartsAt: string, newEndsAt: string): Promise<Appointment> {
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

  /** The patient accepts the provider's proposed slot before it starts; the appointment is confirmed at the new time. */
  @Transaction()
  @Returns('Appointment')
  async acceptProposal(ctx: Context, appointmentId: string): Promise<Appointment> {
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

  /** The patient rejects the proposed slot; the request stands again at its original time. */
  @Transaction()
  @Returns('Appointment')
  async rejectProposal(ctx: Context, appointmentId: string): Promise<Appointment> {
    const { appointment } = await loadAsParty(ctx, appointmentId, 'patient');
    const status = nextStatus(APPOINTMENT_TRANSITIONS, 'rejectProposal', appointment.status, `appointment ${appointment.id}`);
    return save(ctx, 'rejectProposal', appointment, withoutProposal({ ...appointment, status }));
  }

  /** Either party cancels an open appointment. */
  @Transaction()
  @Returns('Appointment')
  async cancel(ctx: Context, appointmentId: string): Promise<Appointment> {
    const { actor, appointment } = await loadAsParty(ctx, appointmentId, 'either');
    const status = nextStatus(APPOINTMENT_TRANSITIONS, 'cancel', appointment.status, `appointment ${appointment.id}`);
    return save(ctx, 'cancel', appointment, withoutProposal({ ...appointment, status, cancelledBy: actor.stakeholderId }));
  }

  /** The provider marks a confirmed appointment completed, once its start time has come. */
  @Transaction()
  @Returns('Appointment')
  async complete(ctx: Context, appointmentId: string): Promise<Appointment> {
    const { appointment } = await loadAsParty(ctx, appointmentId, 'provider');
    const status = nextStatus(APPOINTMENT_TRANSITIONS, 'complete', appointment.status, `appointment ${appointment.id}`);
    if (!hasPassed(ctx, appointment.startsAt)) {
      throw new ChaincodeError('DEADLINE_NOT_REACHED', `appointment ${appointment.id} starts at ${appointment.startsAt}`);
    }
    return save(ctx, 'complete', appointment, { ...appointment, status });
  }

  /** The public record (no reason), for the patient or the provider. */
  @Transaction(false)
  @Returns('Appointment')
  async get(ctx: Context, appointmentId: string): Promise<Appointment> {
    const { appointment } = await loadAsParty(ctx, appointmentId, 'either');
    return sortedCopy(appointment);
  }

  /**
   * The appointment with its private reason. Decided like any other patient data (category
   * 'appointment', record ID = appointment ID): the patient and delegates always, the provider or
   * anyone else only under a grant. Submitted, because every read of private data is logged.
   */
  @Transaction()
  @Returns('AppointmentWithDetails')
  async accessDetails(ctx: Context, appointmentId: string): Promise<AppointmentWithDetails> {
    const actor = await requireActor(ctx, PARTY_ROLES);
    requireObjectId('appointmentId', appointmentId);
    const appointment = await requireAppointment(ctx, appointmentId);
    const query: AccessQuery = { patientId: appointment.patientId, action: 'view', category: APPOINTMENT_CATEGORY, recordId: appointment.id };
    const decision = await decideAccess(ctx, actor, query);
    const details = await readPrivate<AppointmentDetails>(ctx, HEALTH_COLLECTION, appointmentDetailsKey(ctx, appointment.id));
    await recordAccess(ctx, actor, query, decision, { type: 'appointment', id: appointment.id });
    emitEvent(ctx, 'accessDetails', {
      appointmentId: appointment.id,
      patientId: appointment.patientId,
      accessorId: actor.stakeholderId,
      basis: decision.basis,
      at: txTimeIso(ctx),
    });
    return sortedCopy({ appointment, details: details ?? null, basis: decision.basis });
  }

  /** A page of a patient's appointments by start time; status '' for all. Patient, delegate or a grantee with 'appointment' view. */
  @Transaction(false)
  @Returns('AppointmentPage')
  async listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Appointment>> {
    const actor = await requireActor(ctx, PARTY_ROLES);
    requireStakeholderId('patientId', patientId);
    const filter = requireStatusFilter(status);
    await decideAccess(ctx, actor, { patientId, action: 'view', category: APPOINTMENT_CATEGORY });
    return sortedCopy(await pageByParty(ctx, APPOINTMENT_BY_PATIENT, patientId, filter, pageSize, bookmark, (id) => requireAppointment(ctx, id)));
  }

  /** A page of the calling provider's own appointments by start time; status '' for all. */
  @Transaction(false)
  @Returns('AppointmentPage')
  async listByProvider(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<Appointment>> {
    const actor = await requireActor(ctx, PROVIDER_ROLES);
    const filter = requireStatusFilter(status);
    return sortedCopy(
      await pageByParty(ctx, APPOINTMENT_BY_PROVIDER, actor.stakeholderId, filter, pageSize, bookmark, (id) => requireAppointment(ctx, id)),
    );
  }
}

function appointmentKey(ctx: Context, id: string): string {
  return objectKey(ctx, APPOINTMENT_TYPE, [id]);
}

function appointmentDetailsKey(ctx: Context, id: string): string {
  return objectKey(ctx, APPOINTMENT_DETAILS_TYPE, [id]);
}

async function requireAppointment(ctx: Context, id: string): Promise<Appointment> {
  return requireObject<Appointment>(ctx, appointmentKey(ctx, id), `appointment ${id}`);
}

/** Loads the appointment for a caller who must be its patient, its provider, or either. */
async function loadAsParty(
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
async function save(ctx: Context, action: AppointmentAction, before: Appointment, changed: Appointment): Promise<Appointment> {
  const now = txTimeIso(ctx);
  const after: Appointment = { ...changed, updatedAt: now };
  await writeObject(ctx, appointmentKey(ctx, after.id), after);
  await movePartyIndex(ctx, APPOINTMENT_BY_PATIENT, patientPosition(before), patientPosition(after), after.id);
  await movePartyIndex(ctx, APPOINTMENT_BY_PROVIDER, providerPosition(before), providerPosition(after), after.id);
  emitEvent(ctx, action, eventOf(after, now));
  return sortedCopy(after);
}

function withoutProposal(appointment: Appointment): Appointment {
  return { ...appointment, proposedStartsAt: undefined, proposedEndsAt: undefined };
}

function patientPosition(appointment: Appointment): PartyPosition {
  return { partyId: appointment.patientId, status: appointment.status, sortKey: appointment.startsAt };
}

function providerPosition(appointment: Appointment): PartyPosition {
  return { partyId: appointment.providerId, status: appointment.status, sortKey: appointment.startsAt };
}

/** IDs, status and times only; never the reason. */
function eventOf(appointment: Appointment, at: string): Record<string, unknown> {
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

/** A future slot that ends after it starts and lasts at most APPOINTMENT_MAX_MINUTES. */
function requireSlot(ctx: Context, startsAt: string, endsAt: string): { startsAt: string; endsAt: string } {
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

function requireStatusFilter(status: string): AppointmentStatus | '' {
  return status === '' ? '' : requireOneOf('status', status, APPOINTMENT_STATUSES);
}

/** Transient 'appointment': {reason}. */
function requireAppointmentDetails(ctx: Context): AppointmentDetails {
  const input = requireTransientJson(ctx, 'appointment');
  if (typeof input.reason !== 'string') {
    throw new ChaincodeError('INVALID_ARGUMENT', 'appointment.reason is required');
  }
  return { reason: requireText('appointment.reason', input.reason, APPOINTMENT_REASON_MAX) };
}
