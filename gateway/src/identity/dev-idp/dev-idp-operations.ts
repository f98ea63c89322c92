import type { Element } from '@xmldom/xmldom';
import type { Response } from 'express';
import { z } from 'zod';
import { defineOperation, defineStream, LOCATION, type Operation } from '../../api/operation';
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
const FORM_MAX_BYTES = 16 * 1024;

const tag = 'Development IdP';
const relayState = z.string().optional().describe('The SP’s RelayState, passed back unchanged');

/**
 * The development IdP's operations at `mount` (its pages link to input.basePath, the same place as
 * the browser sees it): its metadata, the assets of its pages
 * (a strict CSP allows no inline script or style), the sign-in page (one button per demo user),
 * the signed response it auto-posts to the SP, and single logout. Its pages answer a bad request
 * with a page of their own (400), never problem+json: a person reads them.
 */
export function devIdpOperations(input: DevIdpRouterInput, mount: string): Operation[] {
  const html = (res: Response, status: number, body: string): void => {
    htmlResponse(res, input.acsUrl, status, body);
  };
  const at = (path: string) => `${mount}${path}`;
  const text = (path: string, operationId: string, summary: string, contentType: string, body: string): Operation =>
    defineOperation({
      method: 'get',
      path: at(path),
      operationId,
      summary,
      tag,
      access: 'public',
      response: { status: 200, description: summary, schema: z.string(), contentType },
      handle() {
        return body;
      },
    });
  const page = (description: string) => ({ status: 200 as const, description, schema: z.string(), contentType: 'text/html' });
  const badRequestPage = { status: 400, description: 'A page saying so: start signing in at the application', schema: z.string(), contentType: 'text/html' };
  return [
    text('/metadata', 'getDevIdpMetadata', 'The development IdP’s SAML metadata (entity ID, signing certificate, SSO and SLO URLs)', 'application/samlmetadata+xml', input.metadataXml),
    text('/assets/auto-post.js', 'getDevIdpAutoPostScript', 'The script that submits the signed response to the SP', 'text/javascript', AUTO_POST_SCRIPT),
    text('/assets/dev-idp.css', 'getDevIdpStylesheet', 'The stylesheet of the development IdP’s pages', 'text/css', STYLESHEET),
    defineStream({
      method: 'get',
      path: at('/sso'),
      operationId: 'showDevIdpSignIn',
      summary: 'Sign-in page for the SP’s AuthnRequest (HTTP-Redirect binding): one button per demo user, no password; with ForceAuthn it asks to sign in again',
      tag,
      access: 'public',
      message: { in: 'query', schema: z.object({ SAMLRequest: z.string().describe('The SP’s AuthnRequest, deflated and base64'), RelayState: relayState }) },
      response: page('The sign-in page'),
      otherResponses: [badRequestPage],
      handle({ req, res }) {
        const request = readSpMessage(req.query['SAMLRequest'], 'AuthnRequest');
        if (request === undefined || request.issuer !== input.spEntityId || (request.acsUrl !== undefined && request.acsUrl !== input.acsUrl)) {
          html(res, 400, messagePage(input.basePath, 'No valid sign-in request', 'Start signing in at the MedLedger application.'));
          return;
        }
        // This IdP keeps no sessions: every answer follows a choice made on this page, so it always
        // authenticates afresh (AuthnInstant = now) and honours ForceAuthn; the page says when it was asked.
        const page = { basePath: input.basePath, users: input.users, requestId: request.id, relayState: stringOf(req.query['RelayState']), reauthenticate: request.forceAuthn };
        html(res, 200, loginPage(page));
      },
    }),
    defineStream({
      method: 'post',
      path: at('/sso/respond'),
      operationId: 'respondDevIdpSignIn',
      summary: 'Sign in as the chosen demo user: a page that posts the signed SAML response to the SP’s ACS',
      tag,
      access: 'public',
      message: {
        in: 'form',
        schema: z.object({
          requestId: z.string().regex(REQUEST_ID).describe('The AuthnRequest ID from the sign-in page'),
          nameId: z.enum(input.users.map((user) => user.nameId) as [string, ...string[]]).describe('The demo user'),
          relayState,
        }),
        maxBytes: FORM_MAX_BYTES,
      },
      response: page('The auto-posting page (HTTP-POST binding) with the signed response'),
      otherResponses: [badRequestPage],
      handle({ req, res }) {
        // Not a form (another Content-Type, or none): express 5 leaves req.body undefined.
        const body = (req.body ?? {}) as Record<string, unknown>;
        const user = input.users.find((candidate) => candidate.nameId === body['nameId']);
        const requestId = typeof body['requestId'] === 'string' && REQUEST_ID.test(body['requestId']) ? body['requestId'] : undefined;
        if (user === undefined || requestId === undefined) {
          html(res, 400, messagePage(input.basePath, 'Unknown user or request', 'Start signing in at the MedLedger application.'));
          return;
        }
        const samlResponse = Buffer.from(input.signResponse({ inResponseTo: requestId, user }), 'utf8').toString('base64');
        html(res, 200, autoPostPage(input.basePath, input.acsUrl, { SAMLResponse: samlResponse, RelayState: stringOf(body['relayState']) }));
      },
    }),
    // The SP's LogoutRequest. A development IdP keeps no sessions, so it only answers: Success.
    defineStream({
      method: 'get',
      path: at('/slo'),
      operationId: 'devIdpSingleLogout',
      summary: 'Single logout for the SP’s LogoutRequest (HTTP-Redirect binding): back to the SP with a signed LogoutResponse',
      tag,
      access: 'public',
      message: { in: 'query', schema: z.object({ SAMLRequest: z.string().optional().describe('The SP’s LogoutRequest, deflated and base64'), RelayState: relayState }) },
      response: page('Without a valid LogoutRequest: a page saying the user is signed out'),
      otherResponses: [{ status: 303, description: 'To the SP’s single logout URL with a signed LogoutResponse (Success)', schema: LOCATION }],
      handle({ req, res }) {
        const request = readSpMessage(req.query['SAMLRequest'], 'LogoutRequest');
        if (request === undefined || request.issuer !== input.spEntityId || input.spSloUrl === undefined) {
          html(res, 200, messagePage(input.basePath, 'Signed out', 'You are signed out of the development IdP.'));
          return;
        }
        const xml = buildLogoutResponseXml({ inResponseTo: request.id, destination: input.spSloUrl, issuer: input.entityId });
        res.set('Cache-Control', 'no-store').redirect(303, signedRedirectUrl(input.spSloUrl, 'SAMLResponse', xml, stringOf(req.query['RelayState']), input.identity));
      },
    }),
  ];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

interface SpMessage {
  id: string;
  issuer: string | undefined;
  acsUrl: string | undefined;
  /** ForceAuthn="true" (or "1", as xs:boolean allows): authenticate again. */
  forceAuthn: boolean;
}

/** The SP's Redirect-binding message, parsed as strictly as the SP parses ours. Signatures are not checked (development only). */
function readSpMessage(encoded: unknown, localName: 'AuthnRequest' | 'LogoutRequest'): SpMessage | undefined {
  if (typeof encoded !== 'string' || encoded === '') return undefined;
  try {
    return spMessageOf(rootElement(parseStrictXml(inflateFromBase64(encoded))), localName);
  } catch {
    // Malformed base64, deflate or XML is simply "no valid request" for the login page.
    return undefined;
  }
}

function spMessageOf(root: Element, localName: 'AuthnRequest' | 'LogoutRequest'): SpMessage | undefined {
  const id = root.getAttribute('ID') ?? '';
  if (root.namespaceURI !== NS.protocol || root.localName !== localName || !REQUEST_ID.test(id)) return undefined;
  const issuer = Array.from(root.getElementsByTagNameNS(NS.assertion, 'Issuer'))[0]?.textContent ?? undefined;
  const forceAuthn = ['true', '1'].includes(root.getAttribute('ForceAuthn') ?? '');
  return { id, issuer, acsUrl: root.getAttribute('AssertionConsumerServiceURL') ?? undefined, forceAuthn };
}

/**
 * Our own CSP, whatever the app sets: scripts and styles only from our files, forms only to
 * ourselves and the SP's ACS.
 */
function htmlResponse(res: Response, acsUrl: string, status: number, body: string): void {
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self' ${new URL(acsUrl).origin}; base-uri 'none'; frame-ancestors 'none'`;
  res.status(status).set({ 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' }).type('html').send(body);
}
