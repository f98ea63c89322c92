import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { Appointment, AppointmentWithDetails, Page } from '../contract';
import { book } from './appointments/booking';
import { accessDetails, getAppointment, listByPatient, listByProvider } from './appointments/reads';
import { acceptProposal, cancel, complete, confirm, decline, proposeTime, rejectProposal } from './appointments/scheduling';

/**
 * Appointments between a patient and a verified doctor or hospital: booking, confirmation or a
 * counter-proposal, cancellation and completion. The visit reason is private; parties see the
 * public record, and the reason is read through the access decision and logged.
 * Each transaction's work is in appointments/, one file per concept; this class is the list of
 * what clients may call.
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
    return book(ctx, appointmentId, providerId, startsAt, endsAt);
  }

  /** The provider confirms a requested appointment before it starts. */
  @Transaction()
  @Returns('Appointment')
  async confirm(ctx: Context, appointmentId: string): Promise<Appointment> {
    return confirm(ctx, appointmentId);
  }

  /** The provider declines a requested appointment. */
  @Transaction()
  @Returns('Appointment')
  async decline(ctx: Context, appointmentId: string): Promise<Appointment> {
    return decline(ctx, appointmentId);
  }

  /** The provider proposes another slot for a requested or confirmed appointment. */
  @Transaction()
  @Returns('Appointment')
  async proposeTime(ctx: Context, appointmentId: string, newStartsAt: string, newEndsAt: string): Promise<Appointment> {
    return proposeTime(ctx, appointmentId, newStartsAt, newEndsAt);
  }

  /** The patient accepts the provider's proposed slot before it starts; the appointment is confirmed at the new time. */
  @Transaction()
  @Returns('Appointment')
  async acceptProposal(ctx: Context, appointmentId: string): Promise<Appointment> {
    return acceptProposal(ctx, appointmentId);
  }

  /** The patient rejects the proposed slot; the request stands again at its original time. */
  @Transaction()
  @Returns('Appointment')
  async rejectProposal(ctx: Context, appointmentId: string): Promise<Appointment> {
    return rejectProposal(ctx, appointmentId);
  }

  /** Either party cancels an open appointment. */
  @Transaction()
  @Returns('Appointment')
  async cancel(ctx: Context, appointmentId: string): Promise<Appointment> {
    return cancel(ctx, appointmentId);
  }

  /** The provider marks a confirmed appointment completed, once its start time has come. */
  @Transaction()
  @Returns('Appointment')
  async complete(ctx: Context, appointmentId: string): Promise<Appointment> {
    return complete(ctx, appointmentId);
  }

  /** The public record (no reason), for the patient or the provider. */
  @Transaction(false)
  @Returns('Appointment')
  async get(ctx: Context, appointmentId: string): Promise<Appointment> {
    return getAppointment(ctx, appointmentId);
  }

  /**
   * The appointment with its private reason. Decided like any other patient data (category
   * 'appointment', record ID = appointment ID): the patient and delegates always, the provider or
   * anyone else only under a grant. Submitted, because every read of private data is logged.
   */
  @Transaction()
  @Returns('AppointmentWithDetails')
  async accessDetails(ctx: Context, appointmentId: string): Promise<AppointmentWithDetails> {
    return accessDetails(ctx, appointmentId);
  }

  /** A page of a patient's appointments by start time; status '' for all. Patient, delegate or a grantee with 'appointment' view. */
  @Transaction(false)
  @Returns('AppointmentPage')
  async listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Appointment>> {
    return listByPatient(ctx, patientId, status, pageSize, bookmark);
  }

  /** A page of the calling provider's own appointments by start time; status '' for all. */
  @Transaction(false)
  @Returns('AppointmentPage')
  async listByProvider(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<Appointment>> {
    return listByProvider(ctx, status, pageSize, bookmark);
  }
}
