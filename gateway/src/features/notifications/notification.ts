import { z } from 'zod';

/** What a principal is told, and how urgently. */
export const NOTIFICATION_TYPES = [
  'consent.granted',
  'consent.revoked',
  'consent.expiring',
  'data.accessed',
  'access.refused-repeatedly',
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

/**
 * What clients receive (SSE `data:`), apart from the notification ID (SSE `id:`): the stream's
 * documented body (GET /me/notifications/stream) and the type the gateway stores and sends.
 */
export const notificationBodyModel = z
  .object({
    type: z.enum(NOTIFICATION_TYPES),
    priority: z.enum(['high', 'normal']).describe("'high' for break-glass: show it loudly"),
    at: z.string().describe('When the gateway recorded it (ISO-8601 UTC)'),
    event: z
      .object({ name: z.string().describe('The chaincode transaction'), txId: z.string(), blockNumber: z.string() })
      .optional()
      .describe('The ledger transaction behind it; absent for consent.expiring'),
    subject: z.record(z.string(), z.union([z.string(), z.number()])).describe('IDs, statuses and times from the chaincode event (grantId, patientId, accessorId, basis, status, validUntil, ...); never health data'),
  })
  .meta({ id: 'Notification' });

export type NotificationBody = z.infer<typeof notificationBodyModel>;

/** 'high': shown loudly (break-glass). */
export type Priority = NotificationBody['priority'];

/** IDs, statuses and times copied from the chaincode event; never health data. */
export type Subject = NotificationBody['subject'];

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
