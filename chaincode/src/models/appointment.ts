import type { Role } from '../lib/roles';
import type { TransitionTable } from '../lib/status-machine';

/**
 * An appointment between a patient and a verified doctor or hospital. Public state holds the
 * parties, times and status; the reason for the visit is private (AppointmentDetails).
 *
 *   requested --confirm--> confirmed --complete (after startsAt)--> completed
 *   requested --decline--> declined
 *   requested|confirmed --proposeTime--> proposed --acceptProposal--> confirmed (new times)
 *                                        proposed --rejectProposal--> requested (original times)
 *   requested|proposed|confirmed --cancel (either party)--> cancelled
 */
export const APPOINTMENT_STATUSES = ['requested', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export type AppointmentAction = 'confirm' | 'decline' | 'proposeTime' | 'acceptProposal' | 'rejectProposal' | 'cancel' | 'complete';

export const APPOINTMENT_TRANSITIONS: TransitionTable<AppointmentStatus, AppointmentAction> = {
  confirm: { from: ['requested'], to: 'confirmed' },
  decline: { from: ['requested'], to: 'declined' },
  proposeTime: { from: ['requested', 'confirmed'], to: 'proposed' },
  acceptProposal: { from: ['proposed'], to: 'confirmed' },
  rejectProposal: { from: ['proposed'], to: 'requested' },
  cancel: { from: ['requested', 'proposed', 'confirmed'], to: 'cancelled' },
  complete: { from: ['confirmed'], to: 'completed' },
};

/** The longest bookable slot. */
export const APPOINTMENT_MAX_MINUTES = 12 * 60;

export interface Appointment {
  id: string;
  patientId: string;
  providerId: string;
  providerRole: Extract<Role, 'doctor' | 'hospital'>;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  /** The provider's counter-proposal while status is 'proposed'. */
  proposedStartsAt?: string;
  proposedEndsAt?: string;
  cancelledBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** Private details (HEALTH_COLLECTION), from transient field 'appointment'. */
export interface AppointmentDetails {
  reason: string;
}

export const APPOINTMENT_TYPE = 'appointment';
export const APPOINTMENT_DETAILS_TYPE = 'appointmentDetails';
export const APPOINTMENT_BY_PATIENT = { all: 'appointment~patient~start', byStatus: 'appointment~patient~status~start' } as const;
export const APPOINTMENT_BY_PROVIDER = { all: 'appointment~provider~start', byStatus: 'appointment~provider~status~start' } as const;
