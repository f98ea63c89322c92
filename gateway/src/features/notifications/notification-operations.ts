import { REFUSALS_BEFORE_NOTICE } from '@medledger/chaincode/client';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { callerOfRequest } from '../../identity/authenticate';
import { defineStream, type Operation } from '../../api/operation';
import { notificationBodyModel } from './notification';
import type { NotificationsFeature } from './notifications-feature';
import { SseConnection } from './sse-connection';
import { ResumingSink } from './resuming-sink';
import type { StoredNotification } from './notification';

export const NOTIFICATIONS_MOUNT = '/me/notifications';

/** At most this many backlog notifications are replayed on (re)connection; the backlog itself is bounded too. */
const REPLAY_LIMIT = 1_000;

const notificationId = z.string().regex(/^\d{1,15}$/, 'must be a notification ID (digits)');

const lastEventIdHeader = z.object({
  'Last-Event-ID': notificationId.optional().describe('Resume: the ID of the last notification received; the stream first replays the newer ones still in the backlog'),
});
const lastEventIdQuery = z.object({
  // As sent: a repeated ?lastEventId= is an array, which the schema (one string) refuses.
  lastEventId: notificationId.optional().describe('Same as the Last-Event-ID header, for clients that cannot set headers on their first connection; the header wins'),
});

/**
 * GET /me/notifications/stream: the caller's notifications as Server-Sent Events, for a session,
 * a personal access token or an API key with the read scope.
 */
export function notificationOperations(feature: NotificationsFeature): Operation[] {
  return [
    defineStream({
      method: 'get',
      path: `${NOTIFICATIONS_MOUNT}/stream`,
      operationId: 'streamMyNotifications',
      summary: 'My notifications, live, as Server-Sent Events',
      description: [
        'A `text/event-stream` that stays open. Each notification is one event: `id:` its ID (increasing, never reused), `event:` its type, `data:` the JSON body below. A comment line (`: heartbeat`) comes every 15 seconds.',
        `Types: consent.granted / consent.revoked (patient and grantee), consent.expiring (once, within 24 h of validUntil), data.accessed (the patient, when someone else read or checked their data), access.refused-repeatedly (the patient, at refused access number ${String(REFUSALS_BEFORE_NOTICE)} in a UTC day by one accessor), break-glass.used (the patient, priority high), access-request.*, delegation.*, appointment.updated, order.updated, service-request.updated (both parties), prescription.updated, record.updated, insurance.decided, claim.* (the patient), stakeholder.updated.`,
        'Resume: reconnect with `Last-Event-ID` (EventSource does this itself) to first receive the newer notifications still kept (the last 200 per principal, at most 7 days), then live ones. Without it, only new notifications come. A client that does not read is disconnected once its buffer is full; it resumes with Last-Event-ID.',
        'Lifetime: the credential is checked again at every heartbeat; once it no longer verifies (token or API key revoked or expired, account removed, session ended or expired) the stream ends and reconnecting answers 401. A stream also ends after one hour (reconnect with Last-Event-ID), and a principal has at most 5 streams open: a sixth closes the oldest.',
      ].join('\n\n'),
      tag: 'Notifications',
      access: { scope: 'read' },
      callers: 'any authenticated principal, for its own notifications',
      headers: lastEventIdHeader,
      query: lastEventIdQuery,
      response: { status: 200, description: 'The event stream; each `data:` line is a Notification', schema: notificationBodyModel, contentType: 'text/event-stream' },
      handle({ headers, query, req, res }) {
        return openStream(feature, req, res, headers['Last-Event-ID'] ?? query.lastEventId);
      },
    }),
  ];
}

/**
 * Joins the hub, reads the backlog after resumeAfter, then opens the stream: the backlog first,
 * then live notifications (ResumingSink: nothing stored during the read is missed or sent twice).
 * A store failure before the stream opens is an ordinary problem answer.
 */
async function openStream(feature: NotificationsFeature, req: Request, res: Response, resumeAfter: string | undefined): Promise<void> {
  const { principal, auth } = callerOfRequest(req);
  // Re-verified at every heartbeat: a failing check (the store erroring) ends the stream too, rather than keep it open unverified.
  const stillValid = async (): Promise<boolean> => {
    try {
      return await auth.stillValid();
    } catch (error) {
      req.log.error({ err: error, principalId: principal.id }, 'notification stream: the credential could not be re-verified');
      return false;
    }
  };
  let remove = (): void => undefined;
  const connection = new SseConnection(res, feature.sse, stillValid, (reason) => {
    remove();
    if (reason === 'slow') {
      req.log.warn({ principalId: principal.id }, 'notification stream dropped: the client does not keep up');
    } else if (reason === 'revoked' || reason === 'replaced') {
      req.log.info({ principalId: principal.id, method: auth.method, ending: reason }, 'notification stream ended');
    }
  });
  const sink = new ResumingSink(connection);
  remove = feature.hub.add(principal.id, sink);
  let backlog: StoredNotification[];
  try {
    backlog = resumeAfter === undefined ? [] : await feature.store.after(principal.id, Number(resumeAfter), REPLAY_LIMIT);
  } catch (error) {
    remove();
    throw error;
  }
  if (connection.ended) {
    return; // replaced or shut down while the backlog was read
  }
  if (res.destroyed) {
    remove(); // the client left while the backlog was read
    return;
  }
  connection.open();
  sink.resume(backlog);
}
