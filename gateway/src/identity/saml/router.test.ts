import { DOMParser } from '@xmldom/xmldom';
import { generateSigningIdentity } from '../dev-idp/signing-identity';
import { createSamlRouter } from './router';
import { NS } from './saml-names';
import { SAML_MOUNT, startLogin, startSamlTestApp } from './test-support/saml-test-app';

describe('createSamlRouter', () => {
  test('when metadata is requested, then it describes our entityID, ACS (POST), SLO and signed-assertion policy', async () => {
    const app = await startSamlTestApp();
    try {
      const reply = await fetch(`${app.origin}${SAML_MOUNT}/metadata`);
      const doc = new DOMParser().parseFromString(await reply.text(), 'text/xml');
      const descriptor = doc.getElementsByTagNameNS(NS.metadata, 'SPSSODescriptor')[0];
      const acs = doc.getElementsByTagNameNS(NS.metadata, 'AssertionConsumerService')[0];
      expect(reply.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
      expect(doc.documentElement?.getAttribute('entityID')).toBe(app.options.spEntityId);
      expect(descriptor?.getAttribute('WantAssertionsSigned')).toBe('true');
      expect(descriptor?.getAttribute('AuthnRequestsSigned')).toBe('false');
      expect(acs?.getAttribute('Location')).toBe(app.options.acsUrl);
      expect(acs?.getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
      expect(doc.getElementsByTagNameNS(NS.metadata, 'SingleLogoutService')[0]?.getAttribute('Location')).toBe(app.options.sloUrl);
    } finally {
      await app.close();
    }
  });

  test('when SP signing is configured, then AuthnRequests are signed and the metadata publishes the certificate', async () => {
    const spSigning = generateSigningIdentity('MedLedger SP');
    const app = await startSamlTestApp({ spSigning });
    try {
      const { location } = await startLogin(app);
      const metadata = await (await fetch(`${app.origin}${SAML_MOUNT}/metadata`)).text();
      expect(location.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
      expect(location.searchParams.get('Signature')).toEqual(expect.any(String));
      expect(metadata).toContain('AuthnRequestsSigned="true"');
      expect(metadata).toContain(spSigning.certificatePem.split('\n')[1]);
    } finally {
      await app.close();
    }
  });

  test('when login starts, then the AuthnRequest ID is remembered and an unsafe returnTo is not forwarded', async () => {
    const app = await startSamlTestApp();
    try {
      const { requestId, location } = await startLogin(app, '//evil.example/');
      expect(app.requestIds.has(requestId)).toBe(true);
      expect(location.searchParams.has('RelayState')).toBe(false);
      expect(location.href.startsWith(app.idp.ssoUrl)).toBe(true);
    } finally {
      await app.close();
    }
  });

  test('when login starts over plain http, then the AuthnRequest is bound to this browser by a short-lived HttpOnly SameSite=Lax cookie under the mount, holding a keyed hash of its ID', async () => {
    const app = await startSamlTestApp();
    try {
      const { requestId, cookie, setCookie } = await startLogin(app);
      const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
      expect(cookie).toMatch(/^medledger_saml_login=[A-Za-z0-9_-]{43}$/);
      expect(cookie).not.toContain(requestId);
      expect(attributes).toEqual(expect.arrayContaining(['max-age=300', 'path=/auth/saml', 'httponly', 'samesite=lax']));
      expect(attributes).not.toContain('secure');
    } finally {
      await app.close();
    }
  });

  test('when the ACS URL is https, then the binding cookie is __Secure-, Secure and SameSite=None (the IdP posts to the ACS cross-site)', async () => {
    const app = await startSamlTestApp();
    try {
      const router = createSamlRouter({ ...app.options, acsUrl: 'https://gateway.example/auth/saml/acs', requestTtlMs: 60_000 });
      app.app.use('/tls', router);
      const reply = await fetch(`${app.origin}/tls/login`, { redirect: 'manual' });
      const setCookie = reply.headers.getSetCookie().find((header) => header.startsWith('__Secure-medledger_saml_login=')) ?? '';
      const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['max-age=60', 'path=/auth/saml', 'httponly', 'secure', 'samesite=none']));
    } finally {
      await app.close();
    }
  });

  test.each([
    ['a negative clock skew (node-saml would skip time checks)', { clockSkewMs: -1 }, /clockSkewMs/],
    ['no maximum assertion age (node-saml treats 0 as unlimited)', { maxAssertionAgeMs: 0 }, /maxAssertionAgeMs/],
    ['an empty role mapping', { roleMapping: {} }, /roleMapping/],
    ['a relative ACS URL', { acsUrl: '/auth/saml/acs' }, /acsUrl/],
  ])('when configured with %s, then the factory refuses to start', async (_label, override, message) => {
    const app = await startSamlTestApp();
    try {
      expect(() => createSamlRouter({ ...app.options, ...override })).toThrow(message);
    } finally {
      await app.close();
    }
  });
});
