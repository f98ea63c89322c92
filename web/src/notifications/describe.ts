import { formatDateTime } from '../lib/time';
import type { LiveNotification } from './live-store';

/** What each notification type means to the person reading it. */
const TITLES: Readonly<Record<LiveNotification['type'], string>> = {
  'consent.granted': 'Consent granted',
  'consent.revoked': 'Consent revoked',
  'consent.expiring': 'Consent expiring within a day',
  'data.accessed': 'Your data was read',
  'access.refused-repeatedly': 'Repeated refused access to your data',
  'break-glass.used': 'Emergency access to your data',
  'access-request.created': 'New access request',
  'access-request.denied': 'Access request denied',
  'delegation.granted': 'Delegation granted',
  'delegation.revoked': 'Delegation revoked',
  'appointment.updated': 'Appointment updated',
  'order.updated': 'Medicine order updated',
  'service-request.updated': 'Service request updated',
  'prescription.updated': 'Prescription updated',
  'record.updated': 'Record updated',
  'insurance-application.updated': 'Insurance application updated',
  'insurance.decided': 'Insurance application decided',
  'claim.updated': 'Claim updated',
  'claim.decided': 'Claim decided',
  'claim.paid': 'Claim paid',
  'stakeholder.updated': 'Registration updated',
};

export function titleOf(notification: LiveNotification): string {
  return TITLES[notification.type];
}

/** A subject key as words: "prescriptionStatus" → "prescription status", "orderId" → "order". */
function wordsOf(key: string): string {
  return key
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** Keys that hold instants (validUntil, acceptedAt...): shown in the reader's time zone, not as UTC. */
const isInstant = (key: string): boolean => /^(?:validFrom|validUntil|nextDeadline|[a-z][A-Za-z]*At)$/.test(key);

/** The subject's IDs, statuses and times as "status: dispensed · order: o-1" (never health data: the gateway sends none). */
export function detailsOf(notification: LiveNotification): string {
  // `at` repeats the notification's own time, shown above it.
  const entries = Object.entries(notification.subject).filter(([key]) => key !== 'at');
  // The status first: it is what changed.
  entries.sort(([a], [b]) => Number(b === 'status') - Number(a === 'status'));
  return entries.map(([key, value]) => `${wordsOf(key)}: ${isInstant(key) ? formatDateTime(String(value)) : String(value)}`).join(' · ');
}

/** "1 new notification", "3 new notifications", "No new notifications": the badge's accessible name. */
export function unseenLabel(count: number): string {
  if (count === 0) return 'No new notifications';
  return `${String(count)} new notification${count === 1 ? '' : 's'}`;
}
