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

/** The subject's IDs and status as "orderId: o-1 · status: dispensed" (never health data: the gateway sends none). */
export function detailsOf(notification: LiveNotification): string {
  return Object.entries(notification.subject)
    .filter(([key]) => key !== 'at')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

/** "1 new notification", "3 new notifications", "No new notifications": the badge's accessible name. */
export function unseenLabel(count: number): string {
  if (count === 0) return 'No new notifications';
  return `${String(count)} new notification${count === 1 ? '' : 's'}`;
}
