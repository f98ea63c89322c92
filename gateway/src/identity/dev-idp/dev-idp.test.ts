import { ROLES } from '@medledger/chaincode/client';
import { asSamlForm, DEV_IDP_MOUNT, postForm, SAML_MOUNT, startLogin, useSamlTestApp } from '../saml/test-support/saml-test-app';
import { DEMO_USERS } from './demo-users';
import { assertDevIdpAllowed } from './guard';

function hiddenField(html: string, name: string): string | undefined {
  const encoded = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return encoded?.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}

describe('assertDevIdpAllowed', () => {
  test('when the mode is production, then it throws', () => {
    expect(() => {
      assertDevIdpAllowed('production');
    }).toThrow(/cannot run in production/);
  });

  test.each(['development', 'test'])('when the mode is %s, then it allows the dev IdP', (mode) => {
    expect(() => {
      assertDevIdpAllowed(mode);
    }).not.toThrow();
  });
});

describe('demo users', () => {
  test('when seeded, then every MedLedger role has a user and there are two patients', () => {
    expect(new Set(DEMO_USERS.map((user) => user.role))).toEqual(new Set(ROLES));
    expect(DEMO_USERS.filter((user) => user.role === 'patient')).toHaveLength(2);
  });
});

describe('development IdP router', () => {
  const app = useSamlTestApp();

  test('when the SP sends a user to /sso, then the page says it is a development IdP and lists every demo user', async () => {
    const { location } = await startLogin(app);
    const reply = await fetch(location);
    const html = await reply.text();
    expect(reply.status).toBe(200);
    expect(html).toContain('Development identity provider');
    expect(html).toMatch(/without a password/);
    for (const user of app.idp.users) expect(html).toContain(`value="${user.nameId}"`);
    expect(reply.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  test('when a user is chosen, then the auto-post page carries a signed response that signs in at the ACS', async () => {
    const { location, requestId, cookie } = await startLogin(app, '/after');
    const chosen = await postForm(app, `${DEV_IDP_MOUNT}/sso/respond`, { requestId, relayState: location.searchParams.get('RelayState') ?? '', nameId: 'dana.doctor@dev-idp.medledger.test' });
    expect(chosen.status).toBe(200);
    expect(chosen.text).toContain(`action="${app.options.acsUrl}"`);
    expect(chosen.text).toContain(`${DEV_IDP_MOUNT}/assets/auto-post.js`);
    const samlResponse = hiddenField(chosen.text, 'SAMLResponse') ?? '';
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    expect(xml.match(/<ds:Signature /g)).toHaveLength(2);
    expect(xml).toContain('Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"');
    expect(xml).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    const acs = await postForm(app, `${SAML_MOUNT}/acs`, { SAMLResponse: samlResponse, RelayState: hiddenField(chosen.text, 'RelayState') ?? '' }, { Cookie: cookie });
    expect(acs.status).toBe(200);
    expect(app.logins.at(-1)).toEqual(expect.objectContaining({ nameId: 'dana.doctor@dev-idp.medledger.test', role: 'doctor' }));
    expect(app.loginContexts.at(-1)).toEqual({ returnTo: '/after' });
  });

  test('when /sso is opened without a request, then it explains where to start', async () => {
    const reply = await fetch(app.idp.ssoUrl);
    expect(reply.status).toBe(400);
    expect(await reply.text()).toContain('Start signing in at the MedLedger application');
  });

  test('when an unknown user is posted, then no response is signed', async () => {
    const { requestId } = await startLogin(app);
    const reply = await postForm(app, `${DEV_IDP_MOUNT}/sso/respond`, { requestId, nameId: 'mallory@evil.example' });
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('SAMLResponse');
  });

  test.each([
    ['text/plain', '[]'],
    ['application/octet-stream', ''],
  ])('when /sso/respond is posted a %s body instead of a form, then it answers 400 like an unknown user, not 500', async (contentType, body) => {
    const reply = await fetch(`${app.origin}${DEV_IDP_MOUNT}/sso/respond`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
    expect(reply.status).toBe(400);
    expect(await reply.text()).toContain('Unknown user or request');
  });

  test('when metadata is requested, then it is the published metadata with the signing certificate', async () => {
    const reply = await fetch(`${app.origin}${DEV_IDP_MOUNT}/metadata`);
    const body = await reply.text();
    expect(body).toBe(app.idp.metadataXml);
    expect(body).toContain(app.idp.certificatePem.split('\n')[1]);
  });

  test('when signResponse mints a response for tests, then the SP accepts it', async () => {
    const { requestId, cookie } = await startLogin(app);
    const reply = await postForm(app, `${SAML_MOUNT}/acs`, asSamlForm(app.idp.signResponse({ inResponseTo: requestId })), { Cookie: cookie });
    expect(reply.status).toBe(200);
  });
});
