import type { RequestHandler } from 'express';
import { Problem } from '../api/errors/problems';
import { scopesAllowedFor } from './scopes';
import './auth-context';

/**
 * Step-up for the irreversible: granting consent, delegating, erasing, removing an account. An
 * operation that declares `access.stepUp` (api/operation.ts) runs only for a caller who proved who
 * they are within the last few minutes:
 * - a browser session whose person authenticated (the IdP's AuthnInstant) less than
 *   MEDLEDGER_STEP_UP_MINUTES ago (config.sessions.freshMs, default 5): a sign-in with
 *   `GET /auth/saml/login?forceAuthn=true` makes the IdP authenticate again whatever its own session;
 * - or a personal access token with the `consent` scope, which only such a fresh session can make
 *   and which lives CONSENT_TOKEN_LIFETIME_MS whatever was asked.
 * A long-lived token, a stale session and an API key never step up. This file is the one place the
 * rule is written; authenticate() records whether a credential steps up, the mount asks here.
 */

/** A token with the `consent` scope expires this long after it was made, whatever was asked: the one rule for its lifetime. */
export const CONSENT_TOKEN_LIFETIME_MS = 15 * 60_000;

/** Where a person signs in again, forcing the IdP to authenticate them afresh. */
export const STEP_UP_LOGIN_PATH = '/auth/saml/login?forceAuthn=true';

/** What a credential says about step-up, set by authenticate(). */
export interface StepUpState {
  /** A fresh session, or a token with the consent scope. */
  fresh: boolean;
  /** How long a sign-in counts as fresh (MEDLEDGER_STEP_UP_MINUTES). */
  windowMs: number;
}

/** The step-up problem's extension: exactly how to step up, for a client to follow without reading prose. */
export function stepUpHowTo(windowMs: number) {
  return {
    maxAgeSeconds: Math.round(windowMs / 1000),
    login: STEP_UP_LOGIN_PATH,
    token: { method: 'POST', path: '/me/tokens', body: { name: 'step-up', scopes: ['consent'] }, lifetimeSeconds: CONSENT_TOKEN_LIFETIME_MS / 1000 },
  };
}

/**
 * The guard of a step-up operation (api/mount.ts), in place of its scope check: the consent scope
 * or a fresh session is what such an operation needs, and no long-lived scope stands in for it.
 *
 * 401, as RFC 9470 (OAuth 2.0 Step-Up Authentication Challenge) answers a credential that is valid
 * but whose authentication is too old: the remedy is to authenticate again, as for any 401, and the
 * WWW-Authenticate challenge says so (error="insufficient_user_authentication", max_age). A 403
 * would tell the client that nothing it can do with its credentials changes the answer, which is
 * what it does mean for a credential that can never step up: an API key, or the token of a role
 * that may not hold consent (403 FORBIDDEN).
 */
export function requireStepUp(): RequestHandler {
  return (req, res, next) => {
    const { auth, principal } = req;
    if (auth === undefined || principal === undefined) {
      throw new Problem('UNAUTHENTICATED');
    }
    if (auth.method === 'api-key') {
      throw new Problem('FORBIDDEN', 'this operation cannot be undone and needs a person’s fresh sign-in; an API key can never do it');
    }
    if (auth.method === 'token' && !scopesAllowedFor(principal.role).includes('consent')) {
      throw new Problem('FORBIDDEN', `this operation cannot be undone and needs a fresh sign-in; a ${principal.role}’s token can never step up (only a patient’s consent token does)`);
    }
    if (!auth.stepUp.fresh) {
      throw stepUpRequired(res, auth.stepUp.windowMs);
    }
    next();
  };
}

function stepUpRequired(res: Parameters<RequestHandler>[1], windowMs: number): Problem {
  const minutes = Math.round(windowMs / 60_000);
  const maxAge = Math.round(windowMs / 1000);
  res.set('WWW-Authenticate', `Bearer realm="medledger", error="insufficient_user_authentication", error_description="a fresh authentication is required", max_age=${maxAge}`);
  return new Problem(
    'STEP_UP_REQUIRED',
    `this operation cannot be undone, so it needs an authentication less than ${minutes} minutes old: sign in again at GET ${STEP_UP_LOGIN_PATH} and call it from that browser session, or from that session make a ${CONSENT_TOKEN_LIFETIME_MS / 60_000}-minute token with POST /me/tokens {"name":"step-up","scopes":["consent"]} and send it as "Authorization: Bearer <token>"`,
    { stepUp: stepUpHowTo(windowMs) },
  );
}
