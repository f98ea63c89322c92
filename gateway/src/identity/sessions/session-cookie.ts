import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'medledger_session';

export interface SessionCookieSettings {
  secure: boolean;
  maxAgeMs: number;
}

/** The session settings the cookie follows (config.ts: Config['sessions']). */
interface SessionSettings {
  readonly sessions: { readonly cookieSecure: boolean; readonly absoluteMs: number };
}

/** Secure whenever the browser reaches us over TLS (directly or through the trusted proxy); never outlives the absolute timeout. */
export function sessionCookieSettings(config: SessionSettings): SessionCookieSettings {
  return { secure: config.sessions.cookieSecure, maxAgeMs: config.sessions.absoluteMs };
}

function options({ secure }: SessionCookieSettings): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

export function setSessionCookie(res: Response, sessionId: string, settings: SessionCookieSettings): void {
  res.cookie(SESSION_COOKIE, sessionId, { ...options(settings), maxAge: settings.maxAgeMs });
}

export function clearSessionCookie(res: Response, settings: SessionCookieSettings): void {
  res.clearCookie(SESSION_COOKIE, options(settings));
}

/** The session cookie's value from the Cookie header (no cookie parser needed for one cookie). */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) {
    return undefined;
  }
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === SESSION_COOKIE) {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}
