import type { Context } from 'fabric-contract-api';
import { APPOINTMENT_STATUSES, PROVIDER_ROLES, type Appointment, type AppointmentDetails, type AppointmentStatus, type AppointmentWithDetails, type Page } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { recordAccess } from '../../lib/access-log';
import { requireActor } from '../../lib/actors';
import { decideAndRecord, pagingFor, recordListRead, recordPartyList } from '../../lib/disclosures';
import { emitEvent } from '../../lib/events';
import { pageByParty } from '../../lib/party-index';
import { readPatientPrivate } from '../../lib/private-data';
import { sortedCopy } from '../../lib/serialization';
import { txTimeIso } from '../../lib/time';
import { requireObjectId, requireOneOf, requireStakeholderId } from '../../lib/validation';
import { APPOINTMENT_BY_PATIENT, APPOINTMENT_BY_PROVIDER } from '../../models/appointment';
import { APPOINTMENT_CATEGORY, appointmentDetailsKey, loadAsParty, PARTY_ROLES, requireAppointment } from './store';

/* Reads of appointments: the public record for the parties, the logged read of the reason, the lists. */

export async function getAppointment(ctx: Context, appointmentId: string): Promise<Appointment> {
  const { actor, appointment } = await loadAsParty(ctx, appointmentId, 'either');
  const query: AccessQuery = { patientId: appointment.patientId, action: 'view', category: APPOINTMENT_CATEGORY, recordId: appointment.id };
  await decideAndRecord(ctx, actor, query, { type: 'appointment', id: appointment.id }, [appointment.providerId]);
  return sortedCopy(appointment);
}

export async function accessDetails(ctx: Context, appointmentId: string): Promise<AppointmentWithDetails> {
  const actor = await requireActor(ctx, PARTY_ROLES);
  requireObjectId('appointmentId', appointmentId);
  const appointment = await requireAppointment(ctx, appointmentId);
  const query: AccessQuery = { patientId: appointment.patientId, action: 'view', category: APPOINTMENT_CATEGORY, recordId: appointment.id };
  const decision = await decideAccess(ctx, actor, query);
  const details = await readPatientPrivate<AppointmentDetails>(ctx, appointment.patientId, appointmentDetailsKey(ctx, appointment.id), `appointment ${appointment.id}`);
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

export async function listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Appointment>> {
  const actor = await requireActor(ctx, PARTY_ROLES);
  requireStakeholderId('patientId', patientId);
  const filter = requireStatusFilter(status);
  const query: AccessQuery = { patientId, action: 'view', category: APPOINTMENT_CATEGORY };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageByParty(ctx, APPOINTMENT_BY_PATIENT, patientId, filter, pageSize, bookmark, (id) => requireAppointment(ctx, id), pagingFor(decision));
  await recordListRead(ctx, actor, 'appointments', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listByProvider(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<Appointment>> {
  const actor = await requireActor(ctx, PROVIDER_ROLES);
  const filter = requireStatusFilter(status);
  const page = await pageByParty(ctx, APPOINTMENT_BY_PROVIDER, actor.stakeholderId, filter, pageSize, bookmark, (id) => requireAppointment(ctx, id), 'logged');
  await recordPartyList(ctx, actor, 'appointments', APPOINTMENT_CATEGORY, page.items);
  return sortedCopy(page);
}

function requireStatusFilter(status: string): AppointmentStatus | '' {
  return status === '' ? '' : requireOneOf('status', status, APPOINTMENT_STATUSES);
}
