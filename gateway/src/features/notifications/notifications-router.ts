import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { callerOfRequest, requireScope } from '../../identity/authenticate';
import { parseWith } from '../../api/validate';
import type { NotificationsFeature } from './notifications-feature';
import { SseConnection } from './sse-connection';

export const NOTIFICATIONS_MOUNT = '/me/notifications';

/** At most this many backlog notifications are replayed on (re)connection; the backlog itself is bounded too. */
const REPLAY_LIMIT = 1_000;

export const lastEventIdHeader = z.object({
  'Last-Event-ID': z
    .string()
    .regex(/^\d{1,15}$/, 'must be a notification ID (digits)')
    .optional()
    .describe('Resume: the ID of the last notification received; the stream first replays the newer ones still in the backlog'),
});
export const lastEventIdQuery = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a notification ID (digits)')
    .optional()
    .describe('Same as the Last-Event-ID header, for clients that cannot set headers on their first connection; the header wins'),
});

/**
 * GET /me/notifications/stream: the caller's notifications as Server-Sent Events. Mount behind
 * authenticate(): session, personal access token or API key, with the read scope.
 */
export function notificationsRouter(feature: NotificationsFeature, authenticated: RequestHandler): Router {
  const router = Router();
  router.get('/stream', authenticated, requireScope('read'), (req, res) => {
    const { principal, auth } = callerOfRequest(req);
    const header = parseWith(lastEventIdHeader, { 'Last-Event-ID': req.get('Last-Event-ID') })['Last-Event-ID'];
    // As sent: a repeated ?lastEventId= is an array, which the schema (one string) refuses.
    const query = parseWith(lastEventIdQuery, { lastEventId: req.query.lastEventId }).lastEventId;
    const resumeAfter = header ?? query;

    // Re-verified at every heartbeat: a failing check (the store erroring) ends the stream too, rather than keep it open unverified.
    const stillValid = (): boolean => {
      try {
        return auth.stillValid();
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
    connection.open();
    // the backlog read and the registration happen in the same tick: nothing stored in between is missed or sent twice
    if (resumeAfter !== undefined) {
      for (const notification of feature.store.after(principal.id, Number(resumeAfter), REPLAY_LIMIT)) {
        connection.send(notification);
      }
    }
    if (!connection.ended) {
      remove = feature.hub.add(principal.id, connection);
    }
  });
  return router;
}
