import request from 'supertest';
import type { DevIdpUser } from '../../identity/dev-idp';
import { bindingCookie, sessionCookie } from '../../test-support/dev-idp-browser';
import type { GatewayProcess } from './gateway-process';
import type { TestIdp } from './test-idp';

/**
 * A browser signing in through the test IdP, one step at a time, so each step can go to the
 * gateway process a load balancer without sticky sessions might have picked.
 */

/** GET /auth/saml/login: the login-binding cookie it set and the redirect to the IdP. */
export interface StartedLogin {
  bindingCookie: string;
  location: string;
}

/** A person signed in: the session cookie, the session's CSRF token, and who they are. */
export interface Session {
  cookie: string;
  csrfToken: string;
  principalId: string;
  stakeholderId: string;
}

export async function startLogin(gateway: GatewayProcess): Promise<StartedLogin> {
  const login = await request(gateway.baseUrl).get('/auth/saml/login');
  if (login.status !== 302 || login.headers.location === undefined) {
    throw new Error(`GET /auth/saml/login on ${gateway.name}: ${login.status} ${login.text}`);
  }
  return { bindingCookie: bindingCookie(login), location: login.headers.location };
}

/** POST /auth/saml/acs with the IdP's answer, as its auto-post form does, from the browser that started the login. */
export function postAnswer(gateway: GatewayProcess, started: StartedLogin, samlResponse: string): request.Test {
  return request(gateway.baseUrl).post('/auth/saml/acs').type('form').set('Cookie', started.bindingCookie).send({ SAMLResponse: samlResponse });
}

/** The whole sign-in on one gateway, then the session's CSRF token and who it is (GET /me onboards the person on chain). */
export async function signIn(gateway: GatewayProcess, idp: TestIdp, user: DevIdpUser): Promise<Session> {
  const started = await startLogin(gateway);
  const signedIn = await postAnswer(gateway, started, idp.answer(started.location, user));
  const cookie = sessionCookie(signedIn);
  if (signedIn.status !== 303 || cookie === '') {
    throw new Error(`signing ${user.nameId} in on ${gateway.name}: ${signedIn.status} ${signedIn.text}`);
  }
  const csrf = await request(gateway.baseUrl).get('/auth/csrf').set('Cookie', cookie);
  const me = await request(gateway.baseUrl).get('/me').set('Cookie', cookie);
  const principal = (me.body as { principal?: { id: string; stakeholderId: string } }).principal;
  if (csrf.status !== 200 || me.status !== 200 || principal === undefined) {
    throw new Error(`${user.nameId} on ${gateway.name}: GET /auth/csrf ${csrf.status}, GET /me ${me.status} ${me.text}`);
  }
  return { cookie, csrfToken: (csrf.body as { csrfToken: string }).csrfToken, principalId: principal.id, stakeholderId: principal.stakeholderId };
}
