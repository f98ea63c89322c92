import type { Request, RequestHandler, Response } from 'express';
import { Problem } from '../api/errors/problems';
import type { Role } from './principals/principal';
import type { ApiKeyService } from './api-keys/api-key-service';
import type { AuthContext, AuthMethod } from './auth-context';
import { presentedCredential } from './credential-headers';
import { requireCsrfToken } from './sessions/csrf';
import { sessionCookieOf } from './sessions/session-cookie';
import type { SessionRecord } from './sessions/session-repository';
import type { SessionService } from './sessions/session-service';
import { sessionScopesFor, type Scope } from './scopes';
import type { TokenService } from './tokens/token-service';
import type { Principal } from './principals/principal';
import './auth-context';

export interface Authenticators {
  apiKeys: ApiKeyService;
  tokens: TokenService;
  sessions: SessionService;
}

type Caller = { principal: Principal; auth: AuthContext; session?: SessionRecord };

/**
 * Resolves the caller from, in order, an API key header, a bearer token, the session cookie; sets
 * req.principal and req.auth, or answers 401. The role is the principal's, never a header's or
 * body's. Cookie-authenticated state changes must carry the CSRF token.
 */
export function authenticate(services: Authenticators): RequestHandler {
  return async (req, res, next) => {
    const caller = await callerOf(services, req, res);
    req.principal = caller.principal;
    req.auth = caller.auth;
    req.sessionRecord = caller.session;
    next();
  };
}

function callerOf(services: Authenticators, req: Request, res: Response): Promise<Caller> {
  const credential = presentedCredential(req);
  if (credential.kind === 'api-key') {
    return byApiKey(services.apiKeys, credential.value, req, res, services.sessions.freshMs);
  }
  if (credential.kind === 'token') {
    return byToken(services.tokens, credential.value, req, res, services.sessions.freshMs);
  }
  return bySession(services.sessions, req, res);
}

async function byApiKey(apiKeys: ApiKeyService, apiKey: string, req: Request, res: Response, windowMs: number): Promise<Caller> {
  const check = await apiKeys.verify(apiKey);
  if (!check.ok) {
    req.log.warn({ keyId: check.keyId, refusal: check.reason }, 'api key refused');
    throw unauthenticated(res, check.reason);
  }
  // Debug, not info: it would be one more line per request from a system that calls all day. The
  // key's last use is kept with the key (list shows it); issuing, rotating, revoking and refusals stay at info and warn.
  req.log.debug({ keyId: check.record.keyId, principalId: check.principal.id }, 'api key used');
  const stillValid = async () => (await apiKeys.verify(apiKey)).ok;
  const auth: AuthContext = { method: 'api-key', scopes: check.record.scopes, keyId: check.record.keyId, stepUp: { fresh: false, windowMs }, stillValid };
  return { principal: check.principal, auth };
}

async function byToken(tokens: TokenService, token: string, req: Request, res: Response, windowMs: number): Promise<Caller> {
  const check = await tokens.verify(token);
  if (!check.ok) {
    req.log.warn({ refusal: check.reason }, 'token refused');
    throw unauthenticated(res, check.reason);
  }
  const stillValid = async () => (await tokens.verify(token)).ok;
  // A consent token is short-lived and made only from a fresh session (token-service.ts): it is the step-up.
  const stepUp = { fresh: check.record.scopes.includes('consent'), windowMs };
  return { principal: check.principal, auth: { method: 'token', scopes: check.record.scopes, tokenId: check.record.id, stepUp, stillValid } };
}

async function bySession(sessions: SessionService, req: Request, res: Response): Promise<Caller> {
  const sessionId = sessionCookieOf(req);
  if (sessionId === undefined) {
    throw unauthenticated(res, 'sign in, or send a token or API key');
  }
  const active = await sessions.resolve(sessionId);
  if (active === undefined) {
    throw unauthenticated(res, 'session expired; sign in again');
  }
  requireCsrfToken(req, active.record.csrfToken);
  const stillValid = () => sessions.isActive(sessionId);
  const stepUp = { fresh: sessions.isFresh(active.record), windowMs: sessions.freshMs };
  return { principal: active.principal, auth: { method: 'session', scopes: sessionScopesFor(active.principal.role), stepUp, stillValid }, session: active.record };
}

function unauthenticated(res: Response, detail: string): Problem {
  res.set('WWW-Authenticate', 'Bearer realm="medledger", ApiKey realm="medledger"');
  return new Problem('UNAUTHENTICATED', detail);
}

/** The caller's credential must carry this scope, or one that stands in for it here (sessions carry all their role allows). */
export function requireScope(scope: Scope, ...standIns: Scope[]): RequestHandler {
  return (req, _res, next) => {
    if (!(req.auth?.scopes.some((held) => held === scope || standIns.includes(held)) ?? false)) {
      throw new Problem('FORBIDDEN', `this credential lacks scope "${scope}"`);
    }
    next();
  };
}

/** The caller's principal must have one of these roles (from the gateway's record, never the request). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (req.principal === undefined || !roles.includes(req.principal.role)) {
      throw new Problem('FORBIDDEN', `only ${roles.join(', ')} may do this`);
    }
    next();
  };
}

/** Some things only a signed-in person may do in the browser (e.g. create tokens: tokens cannot make tokens). */
export function requireAuthMethod(...methods: AuthMethod[]): RequestHandler {
  return (req, _res, next) => {
    if (req.auth === undefined || !methods.includes(req.auth.method)) {
      throw new Problem('FORBIDDEN', `only a ${methods.join(' or ')} may do this`);
    }
    next();
  };
}

/** The authenticated caller; for handlers behind authenticate(). */
export function callerOfRequest(req: Request): { principal: Principal; auth: AuthContext } {
  if (req.principal === undefined || req.auth === undefined) {
    throw new Problem('UNAUTHENTICATED');
  }
  return { principal: req.principal, auth: req.auth };
}
