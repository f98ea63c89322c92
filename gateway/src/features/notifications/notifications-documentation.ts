import { z } from 'zod';
import { documentRoute, type RouteDocumentation } from '../../api/operation';
import { NOTIFICATION_TYPES } from './notification';
import { lastEventIdHeader, lastEventIdQuery } from './notifications-router';

const notificationBody = z
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

/** GET /me/notifications/stream is hand-written (a response that never ends), so it is documented here for /openapi.json. */
export const NOTIFICATION_ROUTES: RouteDocumentation[] = [
  documentRoute({
    method: 'get',
    path: '/me/notifications/stream',
    operationId: 'streamMyNotifications',
    summary: 'My notifications, live, as Server-Sent Events',
    description: [
      'A `text/event-stream` that stays open. Each notification is one event: `id:` its ID (increasing, never reused), `event:` its type, `data:` the JSON body below. A comment line (`: heartbeat`) comes every 15 seconds.',
      'Types: consent.granted / consent.revoked (patient and grantee), consent.expiring (once, within 24 h of validUntil), data.accessed (the patient, when someone else read or checked their data), break-glass.used (the patient, priority high), access-request.*, delegation.*, appointment.updated, order.updated, service-request.updated (both parties), prescription.updated, record.updated, insurance.decided, claim.* (the patient), stakeholder.updated.',
      'Resume: reconnect with `Last-Event-ID` (EventSource does this itself) to first receive the newer notifications still kept (the last 200 per principal, at most 7 days), then live ones. Without it, only new notifications come. A client that does not read is disconnected once its buffer is full; it resumes with Last-Event-ID.',
      'Lifetime: the credential is checked again at every heartbeat; once it no longer verifies (token or API key revoked or expired, account removed, session ended or expired) the stream ends and reconnecting answers 401. A stream also ends after one hour (reconnect with Last-Event-ID), and a principal has at most 5 streams open: a sixth closes the oldest.',
    ].join('\n\n'),
    tag: 'Notifications',
    access: { scope: 'read' },
    callers: 'any authenticated principal, for its own notifications',
    headers: lastEventIdHeader,
    query: lastEventIdQuery,
    response: { status: 200, description: 'The event stream; each `data:` line is a Notification', schema: notificationBody, contentType: 'text/event-stream' },
  }),
];
