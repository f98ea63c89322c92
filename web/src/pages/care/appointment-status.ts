import type { Appointment, ServiceRequest } from './types';

type Tone = 'neutral' | 'good' | 'warn' | 'danger';

/** The badge tone of an appointment's status: what still needs someone stands out. */
export const APPOINTMENT_TONE: Readonly<Record<Appointment['status'], Tone>> = {
  requested: 'warn',
  proposed: 'warn',
  confirmed: 'good',
  completed: 'neutral',
  declined: 'danger',
  cancelled: 'neutral',
};

/** Whether an appointment can still change (cancel, propose). */
export function isOpenAppointment(appointment: Appointment): boolean {
  return appointment.status === 'requested' || appointment.status === 'proposed' || appointment.status === 'confirmed';
}

export function serviceTone(status: ServiceRequest['status']): Tone {
  if (status === 'cancelled') return 'neutral';
  if (status === 'declined') return 'danger';
  if (status === 'reported') return 'good';
  return 'warn';
}

/** Whether a service request still has a step ahead (it may be cancelled). */
export function isOpenService(request: ServiceRequest): boolean {
  return request.status !== 'reported' && request.status !== 'cancelled' && request.status !== 'declined' && request.status !== 'referred';
}

/** The badge tone of a report's review: a dispute stands out. */
export function reviewTone(review: NonNullable<ServiceRequest['reportReview']>): Tone {
  if (review === 'disputed') return 'danger';
  if (review === 'pending') return 'warn';
  return 'good';
}
