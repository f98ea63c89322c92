import request from 'supertest';
import { createdTokenOf, meOf } from '../test-support/credential-bodies';
import { MINUTE } from '../test-support/manual-clock';
import { codeOf, problemOf } from '../test-support/response-body';
import { samlLogin, signIn, testConfig, useTestGateway, type SignedIn, type TestGateway } from '../test-support/test-gateway';
import { rejectionOf } from '../test-support/thrown-by';
import type { Principal } from './principals/principal';
import { SESSION_COOKIE } from './sessions/session-cookie';
import { CONSENT_TOKEN_LIFETIME_MS } from './step-up';

/** A session of this principal whose person authenticated this many minutes ago (an IdP's single sign-on keeps the AuthnInstant of its own login). */
async function sessionAuthenticatedAgo(gateway: TestGateway, principal: Principal, minutes: number): Promise<SignedIn> {
  const session = await gateway.services.sessions.create(principal.id, undefined, new Date(gateway.clock.now().getTime() - minutes * MINUTE));
  return { principal, cookie: `${SESSION_COOKIE}=${session.sessionId}`, csrfToken: session.csrfToken };
}

function makeToken(gateway: TestGateway, who: SignedIn, body: Record<string, unknown>) {
  return request(gateway.app).post('/me/tokens').set('Cookie', who.cookie).set('X-CSRF-Token', who.csrfToken).send(body);
}

describe('step-up: the consent token and the fresh session', () => {
  const gateway = useTestGateway();

  it('when a patient signed in a minute ago asks for a consent token, then it lives exactly 15 minutes, however long was asked', async () => {
    const patient = await sessionAuthenticatedAgo(gateway, await gateway.services.principals.signIn(samlLogin('patient')), 1);

    const made = await makeToken(gateway, patient, { name: 'step-up', scopes: ['consent'] });
    const direct = await gateway.services.tokens.create(patient.principal, { name: 'asks 90 days', scopes: ['read', 'write', 'consent'], days: 90 }, { freshlyAuthenticated: true });

    expect(made.status).toBe(201);
    const created = createdTokenOf(made);
    expect(created.scopes).toEqual(['consent']);
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(CONSENT_TOKEN_LIFETIME_MS);
    expect(CONSENT_TOKEN_LIFETIME_MS).toBe(15 * MINUTE);
    expect(Date.parse(direct.summary.expiresAt) - Date.parse(direct.summary.createdAt)).toBe(CONSENT_TOKEN_LIFETIME_MS);
  });

  it('when a consent token is asked for with expiresInDays, then 422 says it always lives 15 minutes', async () => {
    const patient = await signIn(gateway, 'patient');

    const response = await makeToken(gateway, patient, { name: 'step-up', scopes: ['consent'], expiresInDays: 1 });

    expect(response.status).toBe(422);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'expiresInDays', message: expect.stringContaining('15 minutes') as unknown })]);
  });

  it('when the session that asks for a consent token authenticated longer ago than the window, then 401 STEP_UP_REQUIRED and no token', async () => {
    const patient = await sessionAuthenticatedAgo(gateway, await gateway.services.principals.signIn(samlLogin('patient')), gateway.config.sessions.freshMs / MINUTE + 1);

    const response = await makeToken(gateway, patient, { name: 'step-up', scopes: ['read', 'consent'] });

    expect([response.status, codeOf(response)]).toEqual([401, 'STEP_UP_REQUIRED']);
    expect(problemOf(response).detail).toContain('/auth/saml/login?forceAuthn=true');
    expect(await gateway.services.tokens.list(patient.principal.id)).toEqual([]);
  });

  it('when a long-lived token is made without a fresh authentication behind it, then it cannot carry consent', () => {
    const attempt = async () => {
      const principal = await gateway.services.principals.signIn(samlLogin('patient'));
      return await gateway.services.tokens.create(principal, { name: 'no step-up', scopes: ['consent'], days: 1 });
    };

    return expect(attempt()).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('when a doctor asks for the consent scope, then 403: only patients grant, delegate and erase', async () => {
    const doctor = await signIn(gateway, 'doctor');

    const response = await makeToken(gateway, doctor, { name: 'step-up', scopes: ['consent'] });

    expect([response.status, codeOf(response)]).toEqual([403, 'FORBIDDEN']);
  });

  it('when 15 minutes have passed, then the consent token is refused as expired', async () => {
    const patient = await signIn(gateway, 'patient');
    const { token } = createdTokenOf(await makeToken(gateway, patient, { name: 'step-up', scopes: ['consent'] }));

    gateway.clock.advance(CONSENT_TOKEN_LIFETIME_MS);
    const response = await request(gateway.app).post('/delegations').set('Authorization', `Bearer ${token}`).send({});

    expect([response.status, problemOf(response).detail]).toEqual([401, 'token expired']);
  });

  it('when a consent token is used for anything but an irreversible operation, then it has no scope for it', async () => {
    const patient = await signIn(gateway, 'patient');
    const { token } = createdTokenOf(await makeToken(gateway, patient, { name: 'step-up', scopes: ['consent'] }));

    const read = await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);
    const revoke = await request(gateway.app).delete('/consents/grant-000000000000000000000000').set('Authorization', `Bearer ${token}`);

    expect([read.status, codeOf(read)]).toEqual([403, 'FORBIDDEN']);
    expect([revoke.status, codeOf(revoke)]).toEqual([403, 'FORBIDDEN']);
  });

  it('when a stored token says consent but lives longer than the rule, then it does not step up', async () => {
    const principal = await gateway.services.principals.signIn(samlLogin('patient'));
    const { token } = await gateway.services.tokens.create(principal, { name: 'read', scopes: ['read'], days: 30 });
    const stored = (await gateway.services.store.tokens.listForPrincipal(principal.id))[0];
    jest.spyOn(gateway.services.store.tokens, 'findByHash').mockResolvedValue(stored === undefined ? undefined : { ...stored, scopes: ['read', 'consent'] });

    const check = await gateway.services.tokens.verify(token);

    expect(check).toMatchObject({ ok: true, record: { scopes: ['read'] } });
  });

  it('when a session is signed in, then it counts as fresh for the configured minutes, and its scopes never show consent', async () => {
    const patient = await signIn(gateway, 'patient');
    const record = async () => {
      const active = await gateway.services.sessions.resolve(patient.cookie.slice(SESSION_COOKIE.length + 1));
      if (active === undefined) {
        throw new Error('the session should be active');
      }
      return active.record;
    };

    gateway.clock.advance(gateway.config.sessions.freshMs - 1);
    const stillFresh = gateway.services.sessions.isFresh(await record());
    gateway.clock.advance(1);
    const stale = gateway.services.sessions.isFresh(await record());
    const me = await request(gateway.app).get('/me').set('Cookie', patient.cookie);

    expect([stillFresh, stale]).toEqual([true, false]);
    expect(gateway.config.sessions.freshMs).toBe(5 * MINUTE);
    expect(meOf(me).auth.scopes).toEqual(['read', 'write']);
  });

  it('when MEDLEDGER_STEP_UP_MINUTES is set, then that is the window; 0 is refused', () => {
    expect(testConfig({ MEDLEDGER_STEP_UP_MINUTES: '2' }).sessions.freshMs).toBe(2 * MINUTE);
    expect(() => testConfig({ MEDLEDGER_STEP_UP_MINUTES: '0' })).toThrow(/MEDLEDGER_STEP_UP_MINUTES/);
  });
});

describe('step-up: API keys never get the consent scope', () => {
  const gateway = useTestGateway();

  it('when an admin asks for an API key with consent, then 422 and no key', async () => {
    const admin = await signIn(gateway, 'admin');

    const response = await request(gateway.app)
      .post('/admin/api-keys')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ organisation: 'Consent Pharmacy', role: 'pharmacy', scopes: ['read', 'consent'] });

    expect([response.status, codeOf(response)]).toEqual([422, 'VALIDATION_FAILED']);
    expect(await gateway.services.apiKeys.list()).toEqual([]);
  });

  it('when the key service is asked for consent directly, or a stored key says consent, then it refuses or ignores it', async () => {
    const pharmacy = await gateway.services.principals.organisation('pharmacy', 'Direct Pharmacy');

    const refused = await rejectionOf(() => gateway.services.apiKeys.issue(pharmacy, ['read', 'consent'], 1));
    const { apiKey, summary } = await gateway.services.apiKeys.issue(pharmacy, ['read'], 1);
    const stored = await gateway.services.store.apiKeys.get(summary.keyId);
    jest.spyOn(gateway.services.store.apiKeys, 'get').mockResolvedValue(stored === undefined ? undefined : { ...stored, scopes: ['read', 'consent'] });

    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(await gateway.services.apiKeys.verify(apiKey)).toMatchObject({ ok: true, record: { scopes: ['read'] } });
  });
});
