import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { hmacSha256, secretsEqual } from '../../platform/hashing';
import { refuse } from './refusal';

/**
 * Binds a login to the browser that started it, against login CSRF: without it, an attacker starts
 * a login in their own browser, gets a valid response for their own account, and auto-posts it from
 * the victim's browser, who then works (and types health data) in the attacker's account.
 *
 * GET /login sets a cookie holding HMAC(key, AuthnRequest ID); POST /acs requires the (signed)
 * InResponseTo to match it, compared in constant time, and clears it: a binding is used once. The
 * attacker can neither read the victim's cookie (HttpOnly) nor forge one for their own request ID
 * (keyed hash). One cookie per browser: a second login started in another tab replaces the first.
 *
 * The key is random per router (per process): a restart, or a login that starts on one instance
 * and ends on another without sticky sessions, makes the user start again. Nothing else depends on it.
 *
 * SameSite: the IdP reaches the ACS by a cross-site auto-POST, and browsers do not send SameSite=Lax
 * cookies on cross-site POST navigations. So over TLS (an https ACS URL, which is what a real
 * deployment has, also behind a TLS-terminating proxy) the cookie is SameSite=None; Secure, with the
 * __Secure- prefix so that plain-http pages of a sibling host cannot plant it. Browsers refuse
 * SameSite=None without Secure, so over plain http (development only) it falls back to
 * SameSite=Lax: that works with the built-in development IdP, which is served by this gateway and is
 * therefore same-site with the ACS; an external IdP over plain http would be refused
 * (reason login-binding-cookie-missing) and needs an https public URL.
 */
export interface LoginBinding {
  /** GET /login: this browser started the AuthnRequest with this ID. */
  bind(res: Response, requestId: string): void;
  /** POST /acs: reads and clears the cookie; the returned check refuses an InResponseTo this browser did not start. */
  take(req: Request, res: Response): (inResponseTo: string) => void;
}

export const LOGIN_BINDING_COOKIE = 'medledger_saml_login';

export function loginBinding(acsUrl: string, ttlMs: number, key: Uint8Array = randomBytes(32)): LoginBinding {
  const acs = new URL(acsUrl);
  const secure = acs.protocol === 'https:';
  const name = secure ? `__Secure-${LOGIN_BINDING_COOKIE}` : LOGIN_BINDING_COOKIE;
  // The router's mount as the browser sees it (e.g. /auth/saml), so the cookie goes to /acs only, not to every page.
  const path = acs.pathname.slice(0, acs.pathname.lastIndexOf('/')) || '/';
  const options: CookieOptions = { httpOnly: true, secure, sameSite: secure ? 'none' : 'lax', path };
  const digest = (requestId: string) => hmacSha256(key, requestId).toString('base64url');
  return {
    bind(res, requestId) {
      res.cookie(name, digest(requestId), { ...options, maxAge: ttlMs });
    },
    take(req, res) {
      const presented = cookieValues(req, name);
      res.clearCookie(name, options);
      return (inResponseTo) => {
        const [value, ...others] = presented;
        if (value === undefined || value === '') refuse('login-binding-cookie-missing');
        // Two copies (one planted with another Path or from a sibling domain) are refused, not guessed between.
        if (others.length > 0) refuse('login-binding-cookie-ambiguous');
        if (!secretsEqual(value, digest(inResponseTo))) refuse('login-binding-mismatch');
      };
    },
  };
}

/** Every value the Cookie header gives this cookie name (browsers send one per matching Path/Domain). */
function cookieValues(req: Request, name: string): string[] {
  return (req.headers.cookie ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}
