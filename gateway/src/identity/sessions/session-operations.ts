import type { Request } from 'express';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import { defineOperation, NO_CONTENT, type Operation } from '../../api/operation';
import { clearSessionCookie, type SessionCookieSettings } from './session-cookie';
import type { SessionRecord } from './session-repository';
import type { SessionService } from './session-service';

const tag = 'Account';

/**
 * /auth/csrf returns the session's CSRF token (send it as X-CSRF-Token on state changes);
 * /auth/logout ends the session here (the SAML logout also ends it at the IdP).
 */
export function sessionOperations(sessions: SessionService, cookie: SessionCookieSettings): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/auth/csrf',
      operationId: 'getCsrfToken',
      summary: 'The session’s CSRF token (send it as X-CSRF-Token on state changes)',
      tag,
      access: { sessionOnly: true },
      response: { status: 200, description: 'The CSRF token', schema: z.object({ csrfToken: z.string() }) },
      handle({ req }) {
        return { csrfToken: sessionOf(req).csrfToken };
      },
    }),
    defineOperation({
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      summary: 'End the browser session here (the SAML logout also ends it at the IdP)',
      tag,
      access: { sessionOnly: true },
      response: NO_CONTENT,
      async handle({ req, res }) {
        await sessions.end(sessionOf(req));
        clearSessionCookie(res, cookie);
      },
    }),
  ];
}

function sessionOf(req: Request): SessionRecord {
  if (req.sessionRecord === undefined) {
    throw new Problem('UNAUTHENTICATED');
  }
  return req.sessionRecord;
}
