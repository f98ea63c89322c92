import { generateSigningIdentity } from '../dev-idp/signing-identity';
import { buildLogoutResponseXml } from '../dev-idp/logout-messages';
import { signEnveloped } from '../dev-idp/xml-signer';
import { ATTRIBUTE, NS } from './saml-names';
import { asSamlForm, postForm, SAML_MOUNT, startLogin, useSamlTestApp } from './test-support/saml-test-app';
import { kitFor, type AttackKit } from './test-support/attack-kit';
import { WRAPPING } from './test-support/signature-wrapping';
import { insertAfter, splitNameId, tamper } from './test-support/xml-tamper';

type Fields = Record<string, string | readonly string[]>;

interface Attack {
  name: string;
  /** The logged reason, when the defence is our own hardening rather than node-saml. */
  reason?: string;
  build(kit: AttackKit): Fields | Promise<Fields>;
  /** The Cookie header the ACS receives; the browser that started the login (kit.cookie) unless told. */
  cookie?(kit: AttackKit): Promise<string | undefined>;
}

const ACS = `${SAML_MOUNT}/acs`;
const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);
const attacker = generateSigningIdentity('Attacker');
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const ATTACKS: readonly Attack[] = [
  ...WRAPPING.map((wrapping) => ({ name: wrapping.name, build: (kit: AttackKit) => asSamlForm(wrapping.wrap(kit.signed())) })),

  // Signatures
  { name: 'response signature not applied', build: (kit) => asSamlForm(kit.signed({ signResponse: false })) },
  { name: 'assertion signature not applied', build: (kit) => asSamlForm(kit.signed({ signAssertion: false })) },
  { name: 'unsigned but otherwise valid', build: (kit) => asSamlForm(kit.signed({ signResponse: false, signAssertion: false })) },
  {
    name: 'response ds:Signature deleted after signing',
    build: (kit) => asSamlForm(tamper(kit.signed(), (_doc, { response, responseSignature }) => response.removeChild(responseSignature))),
  },
  {
    name: 'both ds:Signature elements deleted after signing',
    build: (kit) =>
      asSamlForm(
        tamper(kit.signed(), (_doc, { response, responseSignature, assertion, assertionSignature }) => {
          response.removeChild(responseSignature);
          if (assertionSignature !== undefined) assertion.removeChild(assertionSignature);
        }),
      ),
  },
  { name: 're-signed with another key whose certificate is in KeyInfo', build: (kit) => asSamlForm(kit.signed({ signingIdentity: attacker })) },
  { name: 'signed with RSA-SHA1', reason: 'response-signature-algorithm-not-allowed', build: (kit) => asSamlForm(kit.signed({ signatureAlgorithm: 'sha1' })) },

  // Identity tricks that keep the signature valid
  {
    name: 'comment injected in NameID (admin@evil.com<!---->.example)',
    reason: 'name-id-not-plain-text',
    build: (kit) =>
      asSamlForm(tamper(kit.signed({ nameId: 'admin@evil.com.example' }), (doc, { assertion }) => {
          splitNameId(doc, assertion, 'admin@evil.com', '.example', 'comment');
        }),
      ),
  },
  {
    // Canonicalization keeps processing instructions, so this one already breaks the signature.
    name: 'processing instruction injected in NameID',
    build: (kit) =>
      asSamlForm(tamper(kit.signed({ nameId: 'admin@evil.com.example' }), (doc, { assertion }) => {
          splitNameId(doc, assertion, 'admin@evil.com', '.example', 'pi');
        }),
      ),
  },

  // Document shape
  { name: 'two root elements (the signed response twice)', build: (kit) => ({ SAMLResponse: base64(kit.signed() + kit.signed()) }) },
  {
    name: 'an unsigned assertion after the root element',
    build: (kit) => ({ SAMLResponse: base64(`${kit.signed()}<saml:Assertion xmlns:saml="${NS.assertion}" ID="_x"/>`) }),
  },
  {
    name: 'DOCTYPE with an internal entity for the NameID',
    reason: 'doctype-present',
    build: (kit) => {
      const xml = kit.signed().replace(/(<saml:NameID[^>]*>)[^<]*/, '$1&who;');
      return { SAMLResponse: base64(`<!DOCTYPE samlp:Response [<!ENTITY who "ada.admin@dev-idp.medledger.test">]>${xml}`) };
    },
  },
  {
    name: 'DOCTYPE entity expansion bomb',
    reason: 'doctype-present',
    build: (kit) => ({
      SAMLResponse: base64(`<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${kit.signed()}`),
    }),
  },
  {
    name: 'an EncryptedAssertion beside the signed assertion',
    build: (kit) =>
      asSamlForm(
        tamper(kit.signed(), (doc, { assertion }) => {
          insertAfter(assertion, doc.createElementNS(NS.assertion, 'saml:EncryptedAssertion'));
        }),
      ),
  },

  // Addressing
  { name: 'wrong audience', build: (kit) => asSamlForm(kit.signed({ audience: 'https://evil.example/sp' })) },
  { name: 'wrong SubjectConfirmationData Recipient', reason: 'recipient-mismatch', build: (kit) => asSamlForm(kit.signed({ recipient: 'https://evil.example/acs' })) },
  { name: 'wrong Response Destination', reason: 'destination-mismatch', build: (kit) => asSamlForm(kit.signed({ destination: 'https://evil.example/acs' })) },
  { name: 'wrong Response Issuer', reason: 'response-issuer-mismatch', build: (kit) => asSamlForm(kit.signed({ responseIssuer: 'https://evil.example/idp' })) },
  { name: 'wrong Assertion Issuer', reason: 'assertion-issuer-mismatch', build: (kit) => asSamlForm(kit.signed({ assertionIssuer: 'https://evil.example/idp' })) },

  // Time
  {
    name: 'expired assertion',
    build: (kit) => asSamlForm(kit.signed({ issueInstant: ago(10 * MINUTE), notBefore: ago(10 * MINUTE), notOnOrAfter: ago(5 * MINUTE) })),
  },
  { name: 'assertion not yet valid', build: (kit) => asSamlForm(kit.signed({ notBefore: ahead(MINUTE) })) },
  {
    name: 'assertion older than maxAssertionAgeMs although NotOnOrAfter is in the future',
    build: (kit) => asSamlForm(kit.signed({ issueInstant: ago(3 * MINUTE), notBefore: ago(3 * MINUTE), notOnOrAfter: ahead(5 * MINUTE) })),
  },
  {
    name: 'assertion issued in the future',
    reason: 'issued-in-future',
    build: (kit) => asSamlForm(kit.signed({ issueInstant: ahead(MINUTE), notBefore: ago(MINUTE), notOnOrAfter: ahead(5 * MINUTE) })),
  },
  // A future AuthnInstant would keep a session fresh for step-up longer than the person's authentication.
  { name: 'AuthnInstant in the future', reason: 'authn-instant-in-future', build: (kit) => asSamlForm(kit.signed({ authnInstant: ahead(10 * MINUTE) })) },

  // Request binding and replay
  { name: 'unknown InResponseTo', build: (kit) => asSamlForm(kit.signed({ inResponseTo: '_never-requested' })) },
  { name: 'unsolicited response (no InResponseTo)', build: (kit) => asSamlForm(kit.signed({ inResponseTo: undefined })) },
  {
    name: 'reused InResponseTo (a second response to a consumed request ID)',
    build: async (kit) => {
      await kit.succeedOnce(kit.signed());
      return asSamlForm(kit.signed());
    },
  },
  {
    name: 'replayed response (the same response twice)',
    build: async (kit) => {
      const xml = kit.signed();
      await kit.succeedOnce(xml);
      return asSamlForm(xml);
    },
  },
  {
    name: 'replayed assertion ID under a fresh request ID',
    reason: 'assertion-replayed',
    build: async (kit) => {
      const assertionId = `_reused-${Date.now()}`;
      const other = await kit.newLogin();
      await kit.succeedOnce(kit.signed({ inResponseTo: other.requestId, assertionId }), other.cookie);
      return asSamlForm(kit.signed({ assertionId }));
    },
  },

  // Login CSRF: the attacker's own valid response, auto-posted from the victim's browser
  {
    name: 'a valid response posted from a browser without the binding cookie (login CSRF)',
    reason: 'login-binding-cookie-missing',
    build: (kit) => asSamlForm(kit.signed()),
    cookie: () => Promise.resolve(undefined),
  },
  {
    name: "a valid response posted from a browser whose binding cookie is for another login (the victim's own)",
    reason: 'login-binding-mismatch',
    build: (kit) => asSamlForm(kit.signed()),
    cookie: async (kit) => (await kit.newLogin()).cookie,
  },
  {
    name: 'a valid response posted with a forged binding cookie (the request ID itself)',
    reason: 'login-binding-mismatch',
    build: (kit) => asSamlForm(kit.signed()),
    cookie: (kit) => Promise.resolve(`${kit.cookie.split('=')[0] ?? ''}=${kit.requestId}`),
  },
  {
    name: 'a valid response posted with the binding cookie twice (a planted copy beside the real one)',
    reason: 'login-binding-cookie-ambiguous',
    build: (kit) => asSamlForm(kit.signed()),
    cookie: async (kit) => `${kit.cookie}; ${(await kit.newLogin()).cookie}`,
  },

  // Role
  {
    name: 'missing role attribute',
    reason: 'role-attribute-missing',
    build: (kit) => asSamlForm(kit.signed({ attributes: { [ATTRIBUTE.displayName]: ['Alice Patient'] } })),
  },
  { name: 'no attributes at all', reason: 'role-attribute-missing', build: (kit) => asSamlForm(kit.signed({ attributes: {} })) },
  { name: 'unmapped role value', reason: 'role-unmapped', build: (kit) => asSamlForm(kit.signed({ attributes: { [ATTRIBUTE.medledgerRole]: ['superuser'] } })) },
  {
    name: "role value 'constructor' (an Object.prototype key)",
    reason: 'role-unmapped',
    build: (kit) => asSamlForm(kit.signed({ attributes: { [ATTRIBUTE.medledgerRole]: ['constructor'] } })),
  },
  {
    name: 'two role values',
    reason: 'role-attribute-not-single-value',
    build: (kit) => asSamlForm(kit.signed({ attributes: { [ATTRIBUTE.medledgerRole]: ['patient', 'admin'] } })),
  },

  // Transport garbage and wrong messages
  { name: 'empty SAMLResponse', reason: 'saml-response-missing', build: () => ({ SAMLResponse: '' }) },
  { name: 'no SAMLResponse field', reason: 'saml-response-missing', build: () => ({ RelayState: '/' }) },
  { name: 'SAMLResponse given twice', reason: 'saml-response-missing', build: (kit) => ({ SAMLResponse: [base64(kit.signed()), base64(kit.signed())] }) },
  { name: 'non-base64 garbage', reason: 'not-base64', build: () => ({ SAMLResponse: '<<<definitely not base64>>>' }) },
  { name: 'base64 of something that is not XML', reason: 'malformed-xml', build: () => ({ SAMLResponse: base64('hello, I am not XML') }) },
  {
    name: 'a signed LogoutResponse posted to the ACS',
    reason: 'unexpected-message-type',
    build: (kit) => {
      const logout = buildLogoutResponseXml({ inResponseTo: kit.requestId, destination: app.options.acsUrl, issuer: app.idp.entityId });
      const signedLogout = signEnveloped(logout, {
        element: "/*[local-name(.)='LogoutResponse']",
        after: "/*[local-name(.)='LogoutResponse']/*[local-name(.)='Issuer']",
        identity: app.idpIdentity,
      });
      return asSamlForm(signedLogout);
    },
  },
];

const app = useSamlTestApp();

describe('positive flow', () => {
  test('when the dev IdP answers our AuthnRequest for a patient, then onLogin receives the issuer, nameId and role', async () => {
    // Arrange
    const { requestId, location, cookie } = await startLogin(app, '/records?page=2');
    const patient = app.idp.users[0];
    const xml = app.idp.signResponse({ inResponseTo: requestId, user: patient });
    // Act
    const reply = await postForm(app, ACS, { ...asSamlForm(xml), RelayState: location.searchParams.get('RelayState') ?? '' }, { Cookie: cookie });
    // Assert
    expect(reply.status).toBe(200);
    expect(reply.setCookies).toEqual([expect.stringMatching(/^medledger_saml_login=;.*Expires=Thu, 01 Jan 1970/)]);
    expect(app.logins).toEqual([
      expect.objectContaining({ issuer: app.idp.entityId, nameId: patient?.nameId, role: 'patient', displayName: 'Alice Patient' }),
    ]);
    expect(app.logins[0]?.sessionIndex).toEqual(expect.any(String));
    expect(app.loginContexts.at(-1)).toEqual({ returnTo: '/records?page=2' });
    expect(app.logger.warnings).toEqual([]);
  });

  test.each(['patient', 'doctor', 'hospital', 'pharmacy', 'insurer', 'regulator', 'admin'])(
    'when a demo %s signs in, then onLogin receives that role',
    async (role) => {
      const user = app.idp.users.find((candidate) => candidate.role === role);
      const { requestId, cookie } = await startLogin(app);
      const reply = await postForm(app, ACS, asSamlForm(app.idp.signResponse({ inResponseTo: requestId, user })), { Cookie: cookie });
      expect(reply.status).toBe(200);
      expect(app.logins.at(-1)).toEqual(expect.objectContaining({ nameId: user?.nameId, role }));
    },
  );
});

describe('attacks on the ACS', () => {
  beforeEach(() => {
    app.logins.length = 0;
    app.logger.clear();
  });

  test('when the attack table is counted, then it holds at least 30 attacks', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(30);
  });

  test.each(ATTACKS.map((attack) => [attack.name, attack] as const))('when the ACS receives %s, then it answers 401 and logs why', async (_name, attack) => {
    // Arrange
    const kit = kitFor(app, await startLogin(app));
    const fields = await attack.build(kit);
    const cookie = attack.cookie === undefined ? kit.cookie : await attack.cookie(kit);
    // Act
    const reply = await postForm(app, ACS, fields, cookie === undefined ? {} : { Cookie: cookie });
    // Assert
    expect(reply.status).toBe(401);
    expect(reply.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(reply.text)).toEqual(expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED' }));
    expect(app.logins).toEqual([]);
    expect(app.logger.warnings).toHaveLength(1);
    if (attack.reason !== undefined) expect(app.logger.reasons()).toEqual([attack.reason]);
    expect(JSON.stringify(app.logger.warnings)).not.toMatch(/dev-idp\.medledger\.test|evil|PHNhbWxw/);
  });

  test('when 20 copies of one response arrive in parallel, then exactly one signs in', async () => {
    const login = await startLogin(app);
    const form = asSamlForm(kitFor(app, login).signed());
    const replies = await Promise.all(Array.from({ length: 20 }, () => postForm(app, ACS, form, { Cookie: login.cookie })));
    expect(replies.filter((reply) => reply.status >= 200 && reply.status < 300)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 401)).toHaveLength(19);
    expect(app.logins).toHaveLength(1);
    expect(app.logger.warnings).toHaveLength(19);
  });

  test('when 20 responses to different requests share one assertion ID in parallel, then exactly one signs in', async () => {
    const assertionId = `_parallel-${Date.now()}`;
    const logins = await Promise.all(Array.from({ length: 20 }, () => startLogin(app)));
    const replies = await Promise.all(logins.map((login) => postForm(app, ACS, asSamlForm(kitFor(app, login).signed({ assertionId })), { Cookie: login.cookie })));
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(app.logins).toHaveLength(1);
    expect(app.logger.reasons()).toEqual(Array.from({ length: 19 }, () => 'assertion-replayed'));
  });
});
