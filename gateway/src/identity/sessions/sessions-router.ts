import { Router, type Request, type RequestHandler, type Response } from 'express';
import { Problem } from '../../api/errors/problems';
import { requireAuthMethod } from '../authenticate';
import { clearSessionCookie, type SessionCookieSettings } from './session-cookie';
import type { SessionRecord } from './session-repository';
import type { SessionService } from './session-service';

/**
 * /auth/csrf returns the session's CSRF token (send it as X-CSRF-Token on state changes);
 * /auth/logout ends the session here (the SAML router's logout also ends it at the IdP).
 */
export function sessionsRouter(sessions: SessionService, authenticated: RequestHandler, cookie: SessionCookieSettings): Router {
  const router = Router();
  const signedIn = [authenticated, requireAuthMethod('session')];
  router.get('/csrf', signedIn, (req: Request, res: Response) => {
    res.json({ csrfToken: sessionOf(req).csrfToken });
  });
  router.post('/logout', signedIn, (req: Request, res: Response) => {
    sessions.end(sessionOf(req));
    clearSessionCookie(res, cookie);
    res.status(204).end();
  });
  return router;
}

function sessionOf(req: Request): SessionRecord {
  if (req.sessionRecord === undefined) {
    throw new Problem('UNAUTHENTICATED');
  }
  return req.sessionRecord;
}
