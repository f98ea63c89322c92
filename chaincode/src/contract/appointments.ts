import { z } from 'zod';
import { accessBasis } from './categories';
import { instant } from './formats';
import { objectId, stakeholderId } from './identifiers';
import { APPOINTMENT_REASON_MAX } from './limits';
import { pageOf } from './pages';
import { providerRole } from './roles';
import { appointmentStatus } from './statuses';

/**
 * An appointment between a patient and a verified doctor or hospital. Public state holds the
 * parties, times and status; the reason for the visit is private.
 *
 *   requested --confirm--> confirmed --complete (after startsAt)--> completed
 *   requested --decline--> declined
 *   requested|confirmed --proposeTime--> proposed --acceptProposal--> confirmed (new times)
 *                                        proposed --rejectProposal--> requested (original times)
 *   requested|proposed|confirmed --cancel (either party)--> cancelled
 */
export const appointment = z.object({
  id: objectId,
  patientId: stakeholderId,
  providerId: stakeholderId,
  providerRole,
  startsAt: instant,
  endsAt: instant,
  status: appointmentStatus,
  /** The provider's counter-proposal while status is 'proposed'. */
  proposedStartsAt: instant.optional(),
  proposedEndsAt: instant.optional(),
  cancelledBy: stakeholderId.optional(),
  /**
   * The grant booking created: the provider may view this appointment's reason (purpose TREAT)
   * until the patient revokes it or the appointment is declined, cancelled or completed.
   */
  workflowGrantId: objectId.optional(),
  createdAt: instant,
  updatedAt: instant,
});
export type Appointment = z.infer<typeof appointment>;
export const appointmentPage = pageOf(appointment);

/** An appointment's private details. */
export const appointmentDetails = z.object({ reason: z.string().min(1).max(APPOINTMENT_REASON_MAX) });
export type AppointmentDetails = z.infer<typeof appointmentDetails>;

/** Appointment:accessDetails, a logged read: the record, its reason (null when this peer lacks it) and why access was allowed. */
export const appointmentWithDetails = z.object({ appointment, details: appointmentDetails.nullable(), basis: accessBasis });
export type AppointmentWithDetails = z.infer<typeof appointmentWithDetails>;
