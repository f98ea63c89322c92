/** What a principal is told, and how urgently. */
export const NOTIFICATION_TYPES = [
  'consent.granted',
  'consent.revoked',
  'consent.expiring',
  'data.accessed',
  'break-glass.used',
  'access-request.created',
  'access-request.denied',
  'delegation.granted',
  'delegation.revoked',
  'appointment.updated',
  'order.updated',
  'service-request.updated',
  'prescription.updated',
  'record.updated',
  'insurance-application.updated',
  'insurance.decided',
  'claim.updated',
  'claim.decided',
  'claim.paid',
  'stakeholder.updated',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** 'high': shown loudly (break-glass). */
export type Priority = 'high' | 'normal';

/** IDs, statuses and times copied from the chaincode event; never health data. */
export type Subject = Record<string, string | number>;

/** What clients receive (SSE `data:`), apart from the notification ID (SSE `id:`). */
export interface NotificationBody {
  type: NotificationType;
  priority: Priority;
  /** When the gateway recorded it (ISO). */
  at: string;
  /** The chaincode transaction behind it, when there is one (consent.expiring has none). */
  event?: { name: string; txId: string; blockNumber: string };
  subject: Subject;
}

/** A notification in a principal's backlog. IDs increase monotonically across all principals and are never reused. */
export interface StoredNotification {
  id: number;
  principalId: string;
  body: NotificationBody;
}

/** A notification to store for one principal. */
export interface NotificationDraft {
  principalId: string;
  body: NotificationBody;
}
