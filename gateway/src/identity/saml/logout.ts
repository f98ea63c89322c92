import type { Request } from 'express';
import type { Document, Element } from '@xmldom/xmldom';
import type { CacheProvider, Profile } from '@node-saml/passport-saml';
import { secretsEqual } from '../../platform/hashing';
import { Problem } from '../../api/errors/problems';
import { CSRF_HEADER } from '../sessions/csrf';
import { decodePostBinding, decodeRedirectBinding, optionalField, singleField } from './inbound-message';
import { libraryRefusal } from './library-errors';
import { refuse } from './refusal';
import { safeReturnTo } from './relay-state';
import { requestIdCache } from './request-id-cache';
import { expectRoot, instant } from './response-checks';
import { DEFAULT_REQUEST_TTL_MS, samlClient } from './saml-client';
import { ACCEPTED_SIGNATURE_METHODS, NS, STATUS } from './saml-names';
import { checkEnvelopedSignature, checkUniqueIds } from './signature-checks';
import type { SamlRouterOptions } from './types';
import { childElements, onlyChild, parseStrictXml, requiredAttribute, strictText } from './xml-dom';

const UNSPECIFIED_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/** Where the browser goes next. */
export type LogoutOutcome = { redirectTo: string };

/** The form field that may carry the CSRF token when the header cannot be set (a plain HTML form). */
export const LOGOUT_CSRF_FIELD = 'csrfToken';

/**
 * SP-initiated logout (POST without a SAML message): it ends every session of the subject, so a
 * plain link or a cross-site form must not trigger it. The session's CSRF token must come along, in
 * X-CSRF-Token or the csrfToken form field. Then the local session ends first (so a silent or broken
 * IdP cannot keep the user signed in here), and the browser carries a LogoutRequest to the IdP.
 */
export async function startLogout(req: Request, options: SamlRouterOptions): Promise<LogoutOutcome> {
  const returnTo = safeReturnTo(optionalField(req.body, 'returnTo') ?? optionalField(req.query, 'returnTo'));
  const subject = await options.currentSubject?.(req);
  if (subject === undefined) return { redirectTo: returnTo ?? afterLogout(options) };
  checkLogoutCsrf(req, subject.csrfToken, options);
  await options.onLogout(subject.nameId, subject.sessionIndex);
  if (options.idp.sloUrl === undefined) return { redirectTo: returnTo ?? afterLogout(options) };
  const profile: Profile = {
    issuer: options.idp.entityId,
    nameID: subject.nameId,
    nameIDFormat: subject.nameIdFormat ?? UNSPECIFIED_NAME_ID_FORMAT,
    ...(subject.sessionIndex === undefined ? {} : { sessionIndex: subject.sessionIndex }),
  };
  return { redirectTo: await samlClient(options).getLogoutUrlAsync(profile, returnTo ?? '', {}) };
}

/** The session's CSRF token, from the X-CSRF-Token header or the form field; refused (and logged) otherwise. */
function checkLogoutCsrf(req: Request, csrfToken: string, options: SamlRouterOptions): void {
  const supplied = req.get(CSRF_HEADER) ?? optionalField(req.body, LOGOUT_CSRF_FIELD);
  if (supplied !== undefined && secretsEqual(supplied, csrfToken)) return;
  options.logger.warn({ event: 'saml.refused', endpoint: 'logout', refusal: supplied === undefined ? 'logout-csrf-token-missing' : 'logout-csrf-token-mismatch' }, 'SAML logout refused');
  throw new Problem('CSRF_FAILED', `send the token from GET /auth/csrf in the X-CSRF-Token header or the ${LOGOUT_CSRF_FIELD} form field`);
}

interface InboundLogout {
  binding: 'redirect' | 'post';
  kind: 'LogoutRequest' | 'LogoutResponse';
  encoded: string;
  relayState: string | undefined;
}

export function hasInboundLogoutMessage(source: unknown): boolean {
  return optionalField(source, 'SAMLRequest') !== undefined || optionalField(source, 'SAMLResponse') !== undefined;
}

/** A LogoutRequest from the IdP (IdP-initiated SLO) or its LogoutResponse to ours, in either binding. */
export async function acceptLogoutMessage(req: Request, options: SamlRouterOptions): Promise<LogoutOutcome> {
  const inbound = readInbound(req);
  const doc = parseStrictXml(inbound.binding === 'redirect' ? decodeRedirectBinding(inbound.encoded) : decodePostBinding(inbound.encoded));
  const root = expectRoot(doc, NS.protocol, inbound.kind);
  checkLogoutEnvelope(root, options);
  if (inbound.binding === 'post') checkPostSignatureShape(doc, root);
  const cache = requestIdCache(options.requestIds, options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS);
  const profile = await verifyLogoutWithLibrary(req, inbound, cache, options);
  return inbound.kind === 'LogoutResponse'
    ? finishOwnLogout(root, inbound, cache, options)
    : answerIdpLogout(root, profile, inbound, options);
}

function readInbound(req: Request): InboundLogout {
  const binding = req.method === 'GET' ? 'redirect' : 'post';
  const source: unknown = binding === 'redirect' ? req.query : req.body;
  const isRequest = optionalField(source, 'SAMLRequest') !== undefined;
  if (isRequest === (optionalField(source, 'SAMLResponse') !== undefined)) refuse('logout-message-ambiguous');
  const field = isRequest ? 'SAMLRequest' : 'SAMLResponse';
  return {
    binding,
    kind: isRequest ? 'LogoutRequest' : 'LogoutResponse',
    encoded: singleField(source, field, 'logout-message-missing'),
    relayState: optionalField(source, 'RelayState'),
  };
}

function checkLogoutEnvelope(root: Element, options: SamlRouterOptions): void {
  if (root.getAttribute('Version') !== '2.0') refuse('logout-version');
  if (root.getAttribute('Destination') !== options.sloUrl) refuse('logout-destination-mismatch');
  const issuer = onlyChild(root, NS.assertion, 'Issuer', 'logout-issuer-mismatch');
  if (strictText(issuer, 'logout-issuer-mismatch') !== options.idp.entityId) refuse('logout-issuer-mismatch');
  const issued = instant(root, 'IssueInstant', 'logout-issue-instant-missing').getTime();
  const now = Date.now();
  if (issued > now + options.clockSkewMs || now - issued > options.maxAssertionAgeMs + options.clockSkewMs) refuse('logout-stale');
}

/** HTTP-POST: one enveloped signature on the message itself, nothing signed anywhere else. */
function checkPostSignatureShape(doc: Document, root: Element): void {
  if (doc.getElementsByTagNameNS(NS.dsig, 'Signature').length !== 1) refuse('logout-signature-count');
  checkEnvelopedSignature(root, 'logout');
  checkUniqueIds(doc);
}

/** node-saml verifies the signature (query signature for Redirect), issuer and timestamps. */
async function verifyLogoutWithLibrary(
  req: Request,
  inbound: InboundLogout,
  cache: CacheProvider,
  options: SamlRouterOptions,
): Promise<Profile | null> {
  const saml = samlClient(options, cache);
  const field = inbound.kind === 'LogoutRequest' ? 'SAMLRequest' : 'SAMLResponse';
  const verify = async () => {
    if (inbound.binding === 'redirect') {
      // node-saml accepts an unsigned Redirect message; we do not.
      const sigAlg = singleField(req.query, 'SigAlg', 'logout-redirect-unsigned');
      singleField(req.query, 'Signature', 'logout-redirect-unsigned');
      if (!ACCEPTED_SIGNATURE_METHODS.includes(sigAlg)) refuse('logout-signature-algorithm-not-allowed');
      return saml.validateRedirectAsync(req.query, req.originalUrl.split('?')[1] ?? '');
    }
    return inbound.kind === 'LogoutRequest'
      ? saml.validatePostRequestAsync({ [field]: inbound.encoded })
      : saml.validatePostResponseAsync({ [field]: inbound.encoded });
  };
  const result = await verify().catch((error: unknown) => {
    throw libraryRefusal(error);
  });
  if (!result.loggedOut) refuse('not-a-logout-message');
  return result.profile;
}

/** The IdP answered our LogoutRequest: it must answer one we sent, and say Success. */
async function finishOwnLogout(root: Element, inbound: InboundLogout, cache: CacheProvider, options: SamlRouterOptions) {
  const status = onlyChild(root, NS.protocol, 'Status', 'logout-status-missing');
  const code = onlyChild(status, NS.protocol, 'StatusCode', 'logout-status-missing');
  if (code.getAttribute('Value') !== STATUS.success) refuse('logout-status-not-success');
  const inResponseTo = requiredAttribute(root, 'InResponseTo', 'logout-in-response-to-missing');
  // Same per-message cache as node-saml: returns its earlier consumption, or consumes now (POST binding).
  if ((await cache.getAsync(inResponseTo)) === null) refuse('logout-in-response-to-unknown');
  return { redirectTo: safeReturnTo(inbound.relayState) ?? afterLogout(options) };
}

/** The IdP asks us to end this subject's sessions; we answer with a LogoutResponse. */
async function answerIdpLogout(root: Element, profile: Profile | null, inbound: InboundLogout, options: SamlRouterOptions) {
  const nameId = strictText(onlyChild(root, NS.assertion, 'NameID', 'logout-name-id-missing'), 'logout-name-id-not-plain-text');
  if (profile === null || profile.nameID !== nameId) return refuse('logout-signed-name-id-mismatch');
  const requestId = requiredAttribute(root, 'ID', 'logout-id-missing');
  const replayableUntil = new Date(instant(root, 'IssueInstant', 'logout-issue-instant-missing').getTime() + options.maxAssertionAgeMs + 2 * options.clockSkewMs);
  if (!(await options.replayGuard.consumeOnce(requestId, replayableUntil))) refuse('logout-request-replayed');
  const sessionIndexes = childElements(root, NS.protocol, 'SessionIndex').map((element) => strictText(element, 'logout-session-index-not-plain-text'));
  for (const sessionIndex of sessionIndexes.length === 0 ? [undefined] : sessionIndexes) {
    await options.onLogout(nameId, sessionIndex);
  }
  if (options.idp.sloUrl === undefined) return { redirectTo: afterLogout(options) };
  const relayState = inbound.relayState !== undefined && inbound.relayState.length <= 80 ? inbound.relayState : '';
  return { redirectTo: await samlClient(options).getLogoutResponseUrlAsync(profile, relayState, {}, true) };
}

function afterLogout(options: SamlRouterOptions): string {
  return options.afterLogoutPath ?? '/';
}
