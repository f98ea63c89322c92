import type { Express } from 'express';
import request from 'supertest';

/*
 * A browser signing in through the development IdP, step by step, so a test can send each step to
 * the gateway it wants (wiring/sso.test.ts; several gateways behind one address in
 * acceptance/two-gateways.test.ts).
 */

/** A hidden form field's value in a page, with its HTML escapes undone. */
export function formField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) {
    throw new Error(`no ${name} field in page`);
  }
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function pathOf(location: string | undefined): string {
  const url = new URL(location ?? '/', 'http://localhost:3000');
  return `${url.pathname}${url.search}`;
}

/** SP login at `app` → its IdP page → pick a user. `posted` is the IdP's auto-post page holding the SAMLResponse. */
export async function devIdpAnswer(app: Express, nameId: string, returnTo?: string): Promise<{ login: request.Response; posted: request.Response }> {
  const login = await request(app).get(`/auth/saml/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`);
  const idpPage = await request(app).get(pathOf(login.headers.location));
  const form = idpPage.text.split('<li>').find((item) => item.includes(`value="${nameId}"`)) ?? '';
  const relayState = form.includes('name="relayState"') ? { relayState: formField(form, 'relayState') } : {};
  const posted = await request(app).post('/dev-idp/sso/respond').type('form').send({ requestId: formField(form, 'requestId'), nameId, ...relayState });
  return { login, posted };
}

/** The login-binding cookie GET /auth/saml/login set, as the browser sends it back to the ACS. */
export function bindingCookie(login: request.Response): string {
  const header = (login.headers['set-cookie'] as unknown as string[] | undefined)?.find((cookie) => cookie.startsWith('medledger_saml_login='));
  return header?.split(';')[0] ?? '';
}

/** The session cookie a response set ('' when it set none). */
export function sessionCookie(response: request.Response): string {
  const header = (response.headers['set-cookie'] as unknown as string[] | undefined)?.find((cookie) => cookie.startsWith('medledger_session='));
  return header?.split(';')[0] ?? '';
}
