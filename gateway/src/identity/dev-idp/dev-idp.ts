import type { Operation } from '../../api/operation';
import { signingKeyDescriptor } from '../saml/metadata';
import { ATTRIBUTE, BINDING, NAME_ID_FORMAT, NS } from '../saml/saml-names';
import { serializeXml, xmlElement } from '../saml/xml-build';
import { DEMO_USERS, type DevIdpUser } from './demo-users';
import { devIdpOperations } from './dev-idp-operations';
import { buildLogoutRequestXml } from './logout-messages';
import { signedRedirectUrl } from './redirect-binding';
import { buildResponseXml, samlId, type ResponseFacts } from './response-builder';
import { generateSigningIdentity, type SigningIdentity } from './signing-identity';
import { ASSERTION_XPATH, RESPONSE_XPATH, issuerOf, signEnveloped, type DevSignatureAlgorithm } from './xml-signer';

export interface DevIdpOptions {
  /** Absolute URL where the development IdP is reached, e.g. http://localhost:3000/dev-idp. */
  baseUrl: string;
  spEntityId: string;
  acsUrl: string;
  /** The SP's single-logout URL; without it the dev IdP ends logout on its own page. */
  spSloUrl?: string;
  users?: readonly DevIdpUser[];
  /** Attribute that carries the role; must match the SP's roleAttribute. */
  roleAttribute?: string;
  /** Defaults to a fresh in-memory key and self-signed certificate. */
  signingIdentity?: SigningIdentity;
}

/** Every field of a response, overridable so tests can mint valid and deliberately broken ones. */
export interface SignResponseOptions extends Partial<ResponseFacts> {
  user?: DevIdpUser;
  signResponse?: boolean;
  signAssertion?: boolean;
  signatureAlgorithm?: DevSignatureAlgorithm;
  /** Sign with another key (an attacker's), whose certificate then sits in KeyInfo. */
  signingIdentity?: SigningIdentity;
}

export interface DevIdp {
  /** Its routes at a mount path (where baseUrl leads), to mount with the app's other operations. */
  operationsAt(mount: string): Operation[];
  metadataXml: string;
  certificatePem: string;
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  users: readonly DevIdpUser[];
  /** A SAML Response (XML, not yet base64) as the login page would post it. */
  signResponse(options?: SignResponseOptions): string;
  /** IdP-initiated single logout: a signed Redirect-binding URL to the SP's SLO endpoint. */
  logoutRequestUrl(subject: { nameId: string; sessionIndex?: string; relayState?: string }): string;
}

const VALIDITY_MS = 5 * 60_000;

/** The built-in development IdP. Guard it with assertDevIdpAllowed(mode) before mounting. */
export function createDevIdp(options: DevIdpOptions): DevIdp {
  const base = options.baseUrl.replace(/\/+$/, '');
  const identity = options.signingIdentity ?? generateSigningIdentity();
  const users = options.users ?? DEMO_USERS;
  const endpoints = { entityId: `${base}/metadata`, ssoUrl: `${base}/sso`, sloUrl: `${base}/slo` };
  const signResponse = (overrides: SignResponseOptions = {}) => mintResponse(options, endpoints.entityId, identity, users, overrides);
  const logoutRequestUrl: DevIdp['logoutRequestUrl'] = (subject) => idpLogoutUrl(options, endpoints.entityId, identity, subject);
  const metadataXml = idpMetadata(endpoints, identity.certificatePem);
  const input = { ...options, basePath: new URL(base).pathname.replace(/\/+$/, ''), entityId: endpoints.entityId, users, identity, signResponse, metadataXml };
  const operationsAt = (mount: string) => devIdpOperations(input, mount);
  return { operationsAt, metadataXml, certificatePem: identity.certificatePem, ...endpoints, users, signResponse, logoutRequestUrl };
}

function mintResponse(
  options: DevIdpOptions,
  entityId: string,
  identity: SigningIdentity,
  users: readonly DevIdpUser[],
  overrides: SignResponseOptions,
): string {
  const user = overrides.user ?? users[0];
  if (user === undefined) throw new Error('The development IdP has no users');
  const issueInstant = overrides.issueInstant ?? new Date();
  const facts: ResponseFacts = {
    responseId: samlId(),
    assertionId: samlId(),
    responseIssuer: entityId,
    assertionIssuer: entityId,
    destination: options.acsUrl,
    recipient: options.acsUrl,
    audience: options.spEntityId,
    nameId: user.nameId,
    nameIdFormat: NAME_ID_FORMAT.email,
    sessionIndex: samlId(),
    notBefore: issueInstant,
    notOnOrAfter: new Date(issueInstant.getTime() + VALIDITY_MS),
    attributes: { [options.roleAttribute ?? ATTRIBUTE.medledgerRole]: [user.role], [ATTRIBUTE.displayName]: [user.displayName] },
    // Only the ResponseFacts keys matter to buildResponseXml; the signing options ride along unread.
    ...withoutUndefined(overrides),
    issueInstant,
  };
  return signAsConfigured(buildResponseXml(facts), overrides, overrides.signingIdentity ?? identity);
}

/** The assertion first, then the response around it (so the response signature covers the assertion's). */
function signAsConfigured(xml: string, overrides: SignResponseOptions, identity: SigningIdentity): string {
  const algorithm = overrides.signatureAlgorithm ?? 'sha256';
  const withAssertionSignature =
    overrides.signAssertion === false ? xml : signEnveloped(xml, { element: ASSERTION_XPATH, after: issuerOf(ASSERTION_XPATH), identity, algorithm });
  return overrides.signResponse === false
    ? withAssertionSignature
    : signEnveloped(withAssertionSignature, { element: RESPONSE_XPATH, after: issuerOf(RESPONSE_XPATH), identity, algorithm });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function idpLogoutUrl(
  options: DevIdpOptions,
  entityId: string,
  identity: SigningIdentity,
  subject: { nameId: string; sessionIndex?: string; relayState?: string },
): string {
  if (options.spSloUrl === undefined) throw new Error('createDevIdp needs spSloUrl for IdP-initiated logout');
  const xml = buildLogoutRequestXml({
    destination: options.spSloUrl,
    issuer: entityId,
    nameId: subject.nameId,
    nameIdFormat: NAME_ID_FORMAT.email,
    ...(subject.sessionIndex === undefined ? {} : { sessionIndex: subject.sessionIndex }),
  });
  return signedRedirectUrl(options.spSloUrl, 'SAMLRequest', xml, subject.relayState, identity);
}

function idpMetadata(endpoints: { entityId: string; ssoUrl: string; sloUrl: string }, certificatePem: string): string {
  const md = (name: string, attrs: Record<string, string>, children: Parameters<typeof xmlElement>[3] = []) =>
    xmlElement(NS.metadata, `md:${name}`, attrs, children);
  const descriptor = md('IDPSSODescriptor', { WantAuthnRequestsSigned: 'false', protocolSupportEnumeration: NS.protocol }, [
    signingKeyDescriptor(certificatePem),
    md('SingleLogoutService', { Binding: BINDING.redirect, Location: endpoints.sloUrl }),
    md('NameIDFormat', {}, NAME_ID_FORMAT.email),
    md('SingleSignOnService', { Binding: BINDING.redirect, Location: endpoints.ssoUrl }),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(md('EntityDescriptor', { entityID: endpoints.entityId }, [descriptor]))}`;
}
