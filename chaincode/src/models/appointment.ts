import type { AppointmentStatus } from '../contract';
import type { TransitionTable } from '../lib/status-machine';

export type { Appointment, AppointmentDetails, AppointmentStatus } from '../contract';
/** Re-exported under their former place for importers that predate contract/. */
export { APPOINTMENT_STATUSES } from '../contract';

export type AppointmentAction = 'confirm' | 'decline' | 'proposeTime' | 'acceptProposal' | 'rejectProposal' | 'cancel' | 'complete';

/** The workflow drawn in contract/appointments.ts. */
export const APPOINTMENT_TRANSITIONS: TransitionTable<AppointmentStatus, AppointmentAction> = {
  confirm: { from: ['requested'], to: 'confirmed' },
  decline: { from: ['requested'], to: 'declined' },
  proposeTime: { from: ['requested', 'confirmed'], to: 'proposed' },
  acceptProposal: { from: ['proposed'], to: 'confirmed' },
  rejectProposal: { from: ['proposed'], to: 'requested' },
  cancel: { from: ['requested', 'proposed', 'confirmed'], to: 'cancelled' },
  complete: { from: ['confirmed'], to: 'completed' },
};

export const APPOINTMENT_TYPE = 'appointment';
export const APPOINTMENT_DETAILS_TYPE = 'appointmentDetails';
export const APPOINTMENT_BY_PATIENT = { all: 'appointment~patient~start', byStatus: 'appointment~patient~status~start' } as const;
export const APPOINTMENT_BY_PROVIDER = { all: 'appointment~provider~start', byStatus: 'appointment~provider~status~start' } as const;
