import { buildLogoutRequestXml } from '../dev-idp/logout-messages';
import { generateSigningIdentity } from '../dev-idp/signing-identity';
import { signedRedirectUrl } from '../dev-idp/redirect-binding';
import { signEnveloped } from '../dev-idp/xml-signer';
import { NAME_ID_FORMAT } from './saml-names';
import { asSamlForm, postForm, SAML_MOUNT, useSamlTestApp, type SamlTestApp } from './test-support/saml-test-app';

const LOGOUT = `${SAML_MOUNT}/logout`;
const subject = { nameId: 'alice.patient@dev-idp.medledger.test', sessionIndex: '_session-1' };

async function get(url: string): Promise<{ status: number; location: URL | undefined; text: string }> {
  const reply = await fetch(url, { redirect: 'manual' });
  const location = reply.headers.get('location');
  return { status: reply.status, location: location === null ? undefined : new URL(location, url), text: await reply.text() };
}

function logoutRequestXml(app: SamlTestApp): string {
  return buildLogoutRequestXml({ destination: app.options.sloUrl, issuer: app.idp.entityId, nameId: subject.nameId, nameIdFormat: NAME_ID_FORMAT.email, sessionIndex: subject.sessionIndex });
}

describe('SP-initiated logout', () => {
  const csrfToken = 'csrf-token-of-the-session';
  let signedIn = true;
  const app = useSamlTestApp({ currentSubject: () => Promise.resolve(signedIn ? { ...subject, csrfToken } : undefined) });
  beforeEach(() => {
    signedIn = true;
    app.logouts.length = 0;
    app.logger.clear();
  });

  async function logOut(fields: Record<string, string>, headers: Record<string, string> = {}) {
    const reply = await postForm(app, LOGOUT, fields, headers);
    return { ...reply, location: reply.location === null ? undefined : new URL(reply.location, app.origin) };
  }

  test('when a signed-in user logs out with the CSRF token, then the local session ends first and the IdP round trip returns to returnTo', async () => {
    // Act: SP → IdP → SP
    const toIdp = await logOut({ returnTo: '/goodbye' }, { 'X-CSRF-Token': csrfToken });
    expect(toIdp.status).toBe(303);
    expect(app.logouts).toEqual([subject]);
    expect(toIdp.location?.href.startsWith(app.idp.sloUrl)).toBe(true);
    expect(toIdp.location?.searchParams.get('SAMLRequest')).toEqual(expect.any(String));
    const backToSp = await get(toIdp.location?.href ?? '');
    expect(backToSp.location?.href.startsWith(app.options.sloUrl)).toBe(true);
    const done = await get(backToSp.location?.href ?? '');
    // Assert
    expect(done.status).toBe(303);
    expect(done.location?.pathname).toBe('/goodbye');
    expect(app.logger.warnings).toEqual([]);
  });

  test('when a plain HTML form posts the CSRF token as the csrfToken field, then the user is logged out', async () => {
    const reply = await logOut({ csrfToken });
    expect(reply.status).toBe(303);
    expect(app.logouts).toEqual([subject]);
  });

  test('when logout is a plain link (GET without a SAML message), then it answers 405 and ends no session', async () => {
    const reply = await fetch(`${app.origin}${LOGOUT}?returnTo=%2Fgoodbye`, { redirect: 'manual' });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('POST');
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(app.logouts).toEqual([]);
  });

  test.each([
    ['without a CSRF token (a cross-site form)', {}, {}, 'logout-csrf-token-missing'],
    ['with a wrong X-CSRF-Token', {}, { 'X-CSRF-Token': 'guessed' }, 'logout-csrf-token-mismatch'],
    ['with a wrong csrfToken field', { csrfToken: `${csrfToken}x` }, {}, 'logout-csrf-token-mismatch'],
  ])('when a signed-in user is logged out %s, then it answers 403 CSRF_FAILED, ends no session and logs why', async (_label, fields, headers, reason) => {
    const reply = await logOut(fields, headers);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.text)).toEqual(expect.objectContaining({ code: 'CSRF_FAILED' }));
    expect(app.logouts).toEqual([]);
    expect(app.logger.reasons()).toEqual([reason]);
  });

  test('when the IdP LogoutResponse is replayed, then the second one is refused', async () => {
    const toIdp = await logOut({}, { 'X-CSRF-Token': csrfToken });
    const backToSp = await get(toIdp.location?.href ?? '');
    expect((await get(backToSp.location?.href ?? '')).status).toBe(303);
    const replay = await get(backToSp.location?.href ?? '');
    expect(replay.status).toBe(401);
    expect(app.logger.reasons()).toEqual(['library:inresponseto-is-not-valid']);
  });

  test('when nobody is signed in, then logout just redirects home without calling onLogout', async () => {
    signedIn = false;
    const reply = await logOut({ returnTo: 'https://evil.example/' });
    expect(reply.status).toBe(303);
    expect(reply.location?.href).toBe(`${app.origin}/`);
    expect(app.logouts).toEqual([]);
  });
});

describe('IdP-initiated logout', () => {
  const app = useSamlTestApp();
  beforeEach(() => {
    app.logouts.length = 0;
    app.logger.clear();
  });

  test('when the IdP sends a signed Redirect LogoutRequest, then onLogout runs and the IdP gets a LogoutResponse', async () => {
    const reply = await get(app.idp.logoutRequestUrl(subject));
    expect(reply.status).toBe(303);
    expect(app.logouts).toEqual([subject]);
    expect(reply.location?.href.startsWith(app.idp.sloUrl)).toBe(true);
    expect(reply.location?.searchParams.get('SAMLResponse')).toEqual(expect.any(String));
  });

  test('when the same LogoutRequest arrives twice, then the replay is refused', async () => {
    const url = app.idp.logoutRequestUrl(subject);
    expect((await get(url)).status).toBe(303);
    expect((await get(url)).status).toBe(401);
    expect(app.logouts).toHaveLength(1);
    expect(app.logger.reasons()).toEqual(['logout-request-replayed']);
  });

  test('when a Redirect LogoutRequest carries no signature, then it is refused', async () => {
    const url = new URL(app.idp.logoutRequestUrl(subject));
    url.searchParams.delete('Signature');
    url.searchParams.delete('SigAlg');
    expect((await get(url.href)).status).toBe(401);
    expect(app.logouts).toEqual([]);
    expect(app.logger.reasons()).toEqual(['logout-redirect-unsigned']);
  });

  test('when a Redirect LogoutRequest is signed by another key, then it is refused', async () => {
    const url = signedRedirectUrl(app.options.sloUrl, 'SAMLRequest', logoutRequestXml(app), undefined, generateSigningIdentity('Attacker'));
    expect((await get(url)).status).toBe(401);
    expect(app.logouts).toEqual([]);
  });

  test('when a LogoutRequest is addressed to another SP, then it is refused', async () => {
    const xml = logoutRequestXml(app).replace(app.options.sloUrl, 'https://other.example/slo');
    const url = signedRedirectUrl(app.options.sloUrl, 'SAMLRequest', xml, undefined, app.idpIdentity);
    expect((await get(url)).status).toBe(401);
    expect(app.logger.reasons()).toEqual(['logout-destination-mismatch']);
  });

  test('when the IdP posts a signed LogoutRequest, then onLogout runs', async () => {
    const signed = signEnveloped(logoutRequestXml(app), {
      element: "/*[local-name(.)='LogoutRequest']",
      after: "/*[local-name(.)='LogoutRequest']/*[local-name(.)='Issuer']",
      identity: app.idpIdentity,
    });
    const reply = await postForm(app, LOGOUT, { SAMLRequest: asSamlForm(signed).SAMLResponse });
    expect(reply.status).toBe(303);
    expect(app.logouts).toEqual([subject]);
  });

  test('when the IdP posts an unsigned LogoutRequest, then it is refused', async () => {
    const reply = await postForm(app, LOGOUT, { SAMLRequest: asSamlForm(logoutRequestXml(app)).SAMLResponse });
    expect(reply.status).toBe(401);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(app.logouts).toEqual([]);
  });
});
