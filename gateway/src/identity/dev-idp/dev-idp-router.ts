import express, { Router, type Response } from 'express';
import { NS } from '../saml/saml-names';
import { parseStrictXml, rootElement } from '../saml/xml-dom';
import type { DevIdpUser } from './demo-users';
import { buildLogoutResponseXml } from './logout-messages';
import { AUTO_POST_SCRIPT, STYLESHEET, autoPostPage, loginPage, messagePage } from './pages';
import { inflateFromBase64, signedRedirectUrl } from './redirect-binding';
import type { SigningIdentity } from './signing-identity';

export interface DevIdpRouterInput {
  basePath: string;
  entityId: string;
  spEntityId: string;
  acsUrl: string;
  spSloUrl?: string;
  users: readonly DevIdpUser[];
  identity: SigningIdentity;
  metadataXml: string;
  signResponse(options: { inResponseTo: string; user: DevIdpUser }): string;
}

/** SAML IDs are NCNames; anything else in a form field is junk we will not sign. */
const REQUEST_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

export function devIdpRouter(input: DevIdpRouterInput): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const html = (res: Response, status: number, body: string) => htmlResponse(res, input.acsUrl, status, body);

  router.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').send(input.metadataXml);
  });
  router.get('/assets/auto-post.js', (_req, res) => {
    res.type('text/javascript').send(AUTO_POST_SCRIPT);
  });
  router.get('/assets/dev-idp.css', (_req, res) => {
    res.type('text/css').send(STYLESHEET);
  });

  router.get('/sso', (req, res) => {
    const request = readSpMessage(req.query['SAMLRequest'], 'AuthnRequest');
    if (request === undefined || request.issuer !== input.spEntityId || (request.acsUrl !== undefined && request.acsUrl !== input.acsUrl)) {
      html(res, 400, messagePage(input.basePath, 'No valid sign-in request', 'Start signing in at the MedLedger application.'));
      return;
    }
    const relayState = typeof req.query['RelayState'] === 'string' ? req.query['RelayState'] : undefined;
    html(res, 200, loginPage({ basePath: input.basePath, users: input.users, requestId: request.id, relayState }));
  });

  router.post('/sso/respond', form, (req, res) => {
    // Not a form (another Content-Type, or none): express 5 leaves req.body undefined.
    const body = (req.body ?? {}) as Record<string, unknown>;
    const user = input.users.find((candidate) => candidate.nameId === body['nameId']);
    const requestId = typeof body['requestId'] === 'string' && REQUEST_ID.test(body['requestId']) ? body['requestId'] : undefined;
    if (user === undefined || requestId === undefined) {
      html(res, 400, messagePage(input.basePath, 'Unknown user or request', 'Start signing in at the MedLedger application.'));
      return;
    }
    const samlResponse = Buffer.from(input.signResponse({ inResponseTo: requestId, user }), 'utf8').toString('base64');
    const relayState = typeof body['relayState'] === 'string' ? body['relayState'] : undefined;
    html(res, 200, autoPostPage(input.basePath, input.acsUrl, { SAMLResponse: samlResponse, RelayState: relayState }));
  });

  // The SP's LogoutRequest. A development IdP keeps no sessions, so it only answers: Success.
  router.get('/slo', (req, res) => {
    const request = readSpMessage(req.query['SAMLRequest'], 'LogoutRequest');
    if (request === undefined || request.issuer !== input.spEntityId || input.spSloUrl === undefined) {
      html(res, 200, messagePage(input.basePath, 'Signed out', 'You are signed out of the development IdP.'));
      return;
    }
    const xml = buildLogoutResponseXml({ inResponseTo: request.id, destination: input.spSloUrl, issuer: input.entityId });
    const relayState = typeof req.query['RelayState'] === 'string' ? req.query['RelayState'] : undefined;
    res.set('Cache-Control', 'no-store').redirect(303, signedRedirectUrl(input.spSloUrl, 'SAMLResponse', xml, relayState, input.identity));
  });

  return router;
}

interface SpMessage {
  id: string;
  issuer: string | undefined;
  acsUrl: string | undefined;
}

/** The SP's Redirect-binding message, parsed as strictly as the SP parses ours. Signatures are not checked (development only). */
function readSpMessage(encoded: unknown, localName: 'AuthnRequest' | 'LogoutRequest'): SpMessage | undefined {
  if (typeof encoded !== 'string' || encoded === '') return undefined;
  try {
    const root = rootElement(parseStrictXml(inflateFromBase64(encoded)));
    const id = root.getAttribute('ID') ?? '';
    if (root.namespaceURI !== NS.protocol || root.localName !== localName || !REQUEST_ID.test(id)) return undefined;
    const issuer = Array.from(root.getElementsByTagNameNS(NS.assertion, 'Issuer'))[0]?.textContent ?? undefined;
    return { id, issuer, acsUrl: root.getAttribute('AssertionConsumerServiceURL') ?? undefined };
  } catch {
    // Malformed base64, deflate or XML is simply "no valid request" for the login page.
    return undefined;
  }
}

/**
 * Our own CSP, whatever the app sets: scripts and styles only from our files, forms only to
 * ourselves and the SP's ACS.
 */
function htmlResponse(res: Response, acsUrl: string, status: number, body: string): void {
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self' ${new URL(acsUrl).origin}; base-uri 'none'; frame-ancestors 'none'`;
  res.status(status).set({ 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' }).type('html').send(body);
}
