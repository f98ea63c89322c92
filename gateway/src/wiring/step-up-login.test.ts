import { inflateRawSync } from 'node:zlib';
import request from 'supertest';
import { SESSION_COOKIE } from '../identity/sessions/session-cookie';
import { MINUTE } from '../test-support/manual-clock';
import { codeOf } from '../test-support/response-body';
import { useTestGateway, type TestGateway } from '../test-support/test-gateway';

const ALICE = 'alice.patient@dev-idp.medledger.test';

function field(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
}

function cookieNamed(response: request.Response, name: string): string {
  return (response.headers['set-cookie'] as unknown as string[] | undefined)?.find((cookie) => cookie.startsWith(`${name}=`))?.split(';')[0] ?? '';
}

/** A browser's sign-in through the development IdP as Alice; `cookie` is the session it already has. */
async function signInAsAlice(gateway: TestGateway, query: string, cookie?: string) {
  const login = await request(gateway.app).get(`/auth/saml/login${query}`);
  const location = new URL(login.headers.location ?? '/', 'http://localhost');
  const authnRequest = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
  const idpPage = await request(gateway.app).get(`${location.pathname}${location.search}`);
  const answer = await request(gateway.app).post('/dev-idp/sso/respond').type('form').send({ requestId: field(idpPage.text, 'requestId'), nameId: ALICE });
  const samlResponse = Buffer.from(field(answer.text, 'SAMLResponse'), 'base64').toString('utf8');
  const binding = cookieNamed(login, 'medledger_saml_login');
  const acs = await request(gateway.app)
    .post('/auth/saml/acs')
    .type('form')
    .set('Cookie', [binding, ...(cookie === undefined ? [] : [cookie])].join('; '))
    .send({ SAMLResponse: field(answer.text, 'SAMLResponse') });
  const session = cookieNamed(acs, SESSION_COOKIE);
  const csrfToken = ((await request(gateway.app).get('/auth/csrf').set('Cookie', session)).body as { csrfToken: string }).csrfToken;
  return { authnRequest, idpPage: idpPage.text, samlResponse, acs, session, csrfToken };
}

/** POST /consents with an empty body: the guard answers first (401 STEP_UP_REQUIRED), else validation does (422). */
function tryToGrant(gateway: TestGateway, { session, csrfToken }: { session: string; csrfToken: string }) {
  return request(gateway.app).post('/consents').set('Cookie', session).set('X-CSRF-Token', csrfToken).send({});
}

describe('step-up through the development IdP: a stale session signs in again with ForceAuthn', () => {
  const gateway = useTestGateway({ sso: true });

  it('when a session grows older than the step-up window, a ForceAuthn sign-in gives a fresh one whose AuthnInstant is new, and the grant gets past the guard', async () => {
    const first = await signInAsAlice(gateway, '');
    const before = await tryToGrant(gateway, first);
    gateway.clock.advance(gateway.config.sessions.freshMs + MINUTE);
    const stale = await tryToGrant(gateway, first);

    // The gateway's clock moved on; the IdP signs with the wall clock, so the new sign-in is judged against both.
    jest.useFakeTimers({ now: gateway.clock.now(), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'] });
    try {
      const again = await signInAsAlice(gateway, '?forceAuthn=true', first.session);
      const after = await tryToGrant(gateway, again);

      expect([codeOf(before), codeOf(stale), codeOf(after)]).toEqual(['VALIDATION_FAILED', 'STEP_UP_REQUIRED', 'VALIDATION_FAILED']);
      expect(first.authnRequest).not.toContain('ForceAuthn');
      expect(again.authnRequest).toMatch(/ ForceAuthn="true"/);
      expect(again.idpPage).toContain('Sign in again.');
      expect(again.acs.status).toBe(303);
      const authnInstant = Date.parse(/AuthnInstant="([^"]+)"/.exec(again.samlResponse)?.[1] ?? '');
      expect(authnInstant).toBeGreaterThan(Date.parse(/AuthnInstant="([^"]+)"/.exec(first.samlResponse)?.[1] ?? '') + gateway.config.sessions.freshMs);
      expect((await request(gateway.app).get('/me').set('Cookie', first.session)).status).toBe(401);
    } finally {
      jest.useRealTimers();
    }
  });
});
