import request from 'supertest';
import type { Test } from 'supertest';
import { useTestGateway, type TestGateway } from '../test-support/test-gateway';
import { bindingCookie, devIdpAnswer, formField as field, sessionCookie } from '../test-support/dev-idp-browser';

/** The whole browser sign-in: devIdpAnswer, then the auto-post to the ACS. */
async function signInThroughDevIdp(gateway: TestGateway, nameId: string, returnTo?: string, cookie?: string): Promise<request.Response> {
  const { login, posted } = await devIdpAnswer(gateway.app, nameId, returnTo);
  const acsFields = { SAMLResponse: field(posted.text, 'SAMLResponse'), ...(posted.text.includes('name="RelayState"') ? { RelayState: field(posted.text, 'RelayState') } : {}) };
  const acs: Test = request(gateway.app).post('/auth/saml/acs').type('form');
  return acs.set('Cookie', [bindingCookie(login), ...(cookie === undefined ? [] : [cookie])].join('; ')).send(acsFields);
}

describe('sign-in through SAML with the development IdP', () => {
  const gateway = useTestGateway({ sso: true });

  it('when a demo patient signs in, then a session cookie is set, /me shows the new principal, and the patient is registered on chain', async () => {
    const acs = await signInThroughDevIdp(gateway, 'alice.patient@dev-idp.medledger.test');

    expect(acs.status).toBe(303);
    expect(acs.headers.location).toBe('/');
    const me = await request(gateway.app).get('/me').set('Cookie', sessionCookie(acs));
    expect(me.body).toMatchObject({ principal: { kind: 'person', role: 'patient', displayName: 'Alice Patient' }, auth: { method: 'session' }, stakeholder: { role: 'patient', status: 'active' } });
  });

  it('when the login asked to return somewhere, then the browser lands there', async () => {
    const acs = await signInThroughDevIdp(gateway, 'dana.doctor@dev-idp.medledger.test', '/me/tokens');

    expect(acs.headers.location).toBe('/me/tokens');
  });

  it('when the same person signs in twice, then it is one principal and the older session in that browser ends', async () => {
    const first = await signInThroughDevIdp(gateway, 'bob.patient@dev-idp.medledger.test');
    const second = await signInThroughDevIdp(gateway, 'bob.patient@dev-idp.medledger.test', undefined, sessionCookie(first));

    const before = await request(gateway.app).get('/me').set('Cookie', sessionCookie(first));
    const after = await request(gateway.app).get('/me').set('Cookie', sessionCookie(second));

    expect(before.status).toBe(401);
    expect(after.status).toBe(200);
  });

  it('when the same SAML response is posted again, then the replay is refused with 401', async () => {
    const { login, posted } = await devIdpAnswer(gateway.app, 'ada.admin@dev-idp.medledger.test');
    const samlResponse = field(posted.text, 'SAMLResponse');

    const first = await request(gateway.app).post('/auth/saml/acs').type('form').set('Cookie', bindingCookie(login)).send({ SAMLResponse: samlResponse });
    const replay = await request(gateway.app).post('/auth/saml/acs').type('form').set('Cookie', bindingCookie(login)).send({ SAMLResponse: samlResponse });

    expect(first.status).toBe(303);
    expect(replay.status).toBe(401);
    expect(gateway.logs.text()).not.toContain(samlResponse.slice(0, 40));
  });

  it('when a signed-in admin uses the SAML session, then it may create an organisation API key', async () => {
    const acs = await signInThroughDevIdp(gateway, 'ada.admin@dev-idp.medledger.test');
    const cookie = sessionCookie(acs);
    const { csrfToken } = (await request(gateway.app).get('/auth/csrf').set('Cookie', cookie)).body as { csrfToken: string };

    const created = await request(gateway.app).post('/admin/api-keys').set('Cookie', cookie).set('X-CSRF-Token', csrfToken).send({ organisation: 'Pine Pharmacy Systems', role: 'pharmacy', scopes: ['read'] });

    expect(created.status).toBe(201);
  });
  it('when a valid SAML response for one account is posted from another browser (login CSRF), then no session is made and the reason is logged', async () => {
    const { posted } = await devIdpAnswer(gateway.app, 'bob.patient@dev-idp.medledger.test');

    const victim = await request(gateway.app).post('/auth/saml/acs').type('form').send({ SAMLResponse: field(posted.text, 'SAMLResponse') });

    expect(victim.status).toBe(401);
    expect(sessionCookie(victim)).toBe('');
    expect(gateway.logs.text()).toContain('login-binding-cookie-missing');
  });

  it('when a signed-in person logs out at /auth/saml/logout, then it takes a POST with the session CSRF token, and a plain link ends nothing', async () => {
    const cookie = sessionCookie(await signInThroughDevIdp(gateway, 'alice.patient@dev-idp.medledger.test'));
    const { csrfToken } = (await request(gateway.app).get('/auth/csrf').set('Cookie', cookie)).body as { csrfToken: string };

    const link = await request(gateway.app).get('/auth/saml/logout').set('Cookie', cookie);
    const forged = await request(gateway.app).post('/auth/saml/logout').type('form').set('Cookie', cookie).send({});
    const stillIn = await request(gateway.app).get('/me').set('Cookie', cookie);
    const loggedOut = await request(gateway.app).post('/auth/saml/logout').type('form').set('Cookie', cookie).send({ csrfToken });
    const after = await request(gateway.app).get('/me').set('Cookie', cookie);

    expect(link.status).toBe(405);
    expect(forged.status).toBe(403);
    expect(stillIn.status).toBe(200);
    expect(loggedOut.status).toBe(303);
    expect(after.status).toBe(401);
  });
});
