import type { Request } from 'express';
import type { SamlRouterOptions } from '../saml/types';
import type { PrincipalService } from '../principals/principal-service';
import type { PrincipalRepository } from '../principals/principal-repository';
import { sessionCookieOf, setSessionCookie, type SessionCookieSettings } from './session-cookie';
import type { SessionService } from './session-service';

export interface SamlSessionDeps {
  principals: PrincipalService;
  principalRecords: PrincipalRepository;
  sessions: SessionService;
  cookie: SessionCookieSettings;
  /** The IdP's entityID: a NameID means something only together with its issuer. */
  idpEntityId: string;
  /** Where the browser lands after sign-in when the login did not say. */
  defaultReturnTo: string;
}

type Hooks = Pick<SamlRouterOptions, 'onLogin' | 'onLogout' | 'currentSubject'>;

/** What the SAML router calls: a verified login becomes a principal and a fresh session; a logout ends the subject's sessions. */
export function samlSessionHooks(deps: SamlSessionDeps): Hooks {
  return {
    onLogin: async (login, req, res, context) => {
      const principal = await deps.principals.signIn(login);
      await endCurrentSession(deps.sessions, req);
      // The IdP's AuthnInstant, not now: after single sign-on the person may have authenticated long ago (step-up).
      const session = await deps.sessions.create(principal.id, login.sessionIndex, login.authenticatedAt);
      setSessionCookie(res, session.sessionId, deps.cookie);
      res.redirect(303, context.returnTo ?? deps.defaultReturnTo);
    },
    onLogout: async (nameId) => {
      const principal = await deps.principalRecords.findBySamlSubject(deps.idpEntityId, nameId);
      if (principal !== undefined) {
        await deps.sessions.destroyAllFor(principal.id);
      }
    },
    currentSubject: async (req) => {
      const sessionId = sessionCookieOf(req);
      const active = sessionId === undefined ? undefined : await deps.sessions.resolve(sessionId);
      const nameId = active?.principal.samlIssuer === deps.idpEntityId ? active.principal.samlNameId : undefined;
      if (active === undefined || nameId === undefined) {
        return undefined;
      }
      return { nameId, csrfToken: active.record.csrfToken, ...(active.record.samlSessionIndex === undefined ? {} : { sessionIndex: active.record.samlSessionIndex }) };
    },
  };
}

/** A new sign-in never continues an older session in the same browser. */
async function endCurrentSession(sessions: SessionService, req: Request): Promise<void> {
  const previous = sessionCookieOf(req);
  if (previous !== undefined) {
    await sessions.destroy(previous);
  }
}
