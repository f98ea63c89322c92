import { Property } from 'fabric-contract-api';
import type {
  AccessBasis,
  Appointment as AppointmentShape,
  AppointmentDetails as AppointmentDetailsShape,
  AppointmentStatus,
  ProviderRole,
} from '../contract';
import { Model, Optional } from '../lib/object-metadata';
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

/**
 * An appointment between a patient and a verified doctor or hospital. Public state holds the
 * parties, times and status; the reason for the visit is private (AppointmentDetails).
 */
@Model()
class Appointment implements AppointmentShape {
  @Property('id', 'string') id!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('providerId', 'string') providerId!: string;
  @Property('providerRole', 'string') providerRole!: ProviderRole;
  @Property('startsAt', 'string') startsAt!: string;
  @Property('endsAt', 'string') endsAt!: string;
  @Property('status', 'string') status!: AppointmentStatus;
  @Optional() @Property('proposedStartsAt', 'string') proposedStartsAt?: string;
  @Optional() @Property('proposedEndsAt', 'string') proposedEndsAt?: string;
  @Optional() @Property('cancelledBy', 'string') cancelledBy?: string;
  @Property('createdAt', 'string') createdAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
}

@Model()
class AppointmentPage {
  @Property('items', 'Appointment[]') items!: Appointment[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Private details (HEALTH_COLLECTION), from transient field 'appointment'. */
@Model()
class AppointmentDetails implements AppointmentDetailsShape {
  @Property('reason', 'string') reason!: string;
}

/** Appointment:accessDetails: the record, its reason (null when this peer lacks it) and why access was allowed. */
@Model()
class AppointmentWithDetails {
  @Property('appointment', 'Appointment') appointment!: Appointment;
  @Property('details', 'AppointmentDetails') details!: AppointmentDetails | null;
  @Property('basis', 'string') basis!: AccessBasis;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { Appointment as AppointmentObject, AppointmentPage as AppointmentPageObject, AppointmentDetails as AppointmentDetailsObject, AppointmentWithDetails as AppointmentWithDetailsObject };

export const APPOINTMENT_TYPE = 'appointment';
export const APPOINTMENT_DETAILS_TYPE = 'appointmentDetails';
export const APPOINTMENT_BY_PATIENT = { all: 'appointment~patient~start', byStatus: 'appointment~patient~status~start' } as const;
export const APPOINTMENT_BY_PROVIDER = { all: 'appointment~provider~start', byStatus: 'appointment~provider~status~start' } as const;
