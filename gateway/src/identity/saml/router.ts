import type { Router } from 'express';
import type { CacheProvider } from '@node-saml/passport-saml';
import { z } from 'zod';
import { Problem } from '../../api/errors/problems';
import { operationsRouter } from '../../api/mount';
import { defineOperation, defineRedirect, defineStream, LOCATION, type Operation } from '../../api/operation';
import { acceptLoginResponse } from './acs';
import { MAX_MESSAGE_BYTES, optionalField } from './inbound-message';
import { acceptLogoutMessage, hasInboundLogoutMessage, LOGOUT_CSRF_FIELD, startLogout } from './logout';
import { loginBinding } from './login-binding';
import { buildSpMetadata } from './metadata';
import { SamlRefusal, unauthenticated } from './refusal';
import { safeReturnTo } from './relay-state';
import { requestIdCache } from './request-id-cache';
import { assertValidOptions, DEFAULT_REQUEST_TTL_MS, samlClient } from './saml-client';
import type { SamlRouterOptions } from './types';

const tag = 'Sign-in (SAML)';
/** Base64 inflates by 4/3; the form parser refuses anything larger before we look at it. */
const FORM_MAX_BYTES = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 4096;
const relayState = z.string().optional().describe('Opaque to the IdP; ours is a same-origin path to return to');

/**
 * The SAML service provider's operations at `mount` (e.g. /auth/saml, where acsUrl and sloUrl
 * point). It knows nothing about sessions: a verified login goes to options.onLogin, a logout to
 * options.onLogout. The messages are documented, and read and refused by the SAML rules here: a
 * refusal is a 401 that never says why (the reason is logged).
 */
export function samlOperations(options: SamlRouterOptions, mount: string): Operation[] {
  assertValidOptions(options);
  const metadataXml = buildSpMetadata(options);
  const binding = loginBinding(options.acsUrl, options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS, options.loginBindingKey);
  return [
    defineOperation({
      method: 'get',
      path: `${mount}/metadata`,
      operationId: 'getSamlServiceProviderMetadata',
      summary: 'Our SAML service provider metadata, for the IdP: entity ID, assertion consumer service, single logout',
      tag,
      access: 'public',
      response: { status: 200, description: 'The metadata XML', schema: z.string(), contentType: 'application/samlmetadata+xml' },
      handle({ res }) {
        res.set('Cache-Control', 'public, max-age=3600');
        return metadataXml;
      },
    }),
    defineRedirect({
      method: 'get',
      path: `${mount}/login`,
      operationId: 'startSamlLogin',
      summary: 'Start signing in: to the IdP with an AuthnRequest, bound to this browser by a short-lived cookie',
      description:
        'With forceAuthn=true the AuthnRequest carries ForceAuthn="true": the IdP authenticates the person again whatever session it has, and the new session is fresh (its AuthnInstant is now), which is what the irreversible operations need (step-up: 401 STEP_UP_REQUIRED otherwise).',
      tag,
      access: 'public',
      message: {
        in: 'query',
        schema: z.object({
          returnTo: z.string().optional().describe('A same-origin path to land on after signing in'),
          // Read like returnTo, by the protocol's leniency: a browser link is never refused for it.
          forceAuthn: z.string().optional().describe('"true": make the IdP authenticate again (step-up); any other value, or none, does not'),
        }),
      },
      response: { status: 302, description: 'To the IdP (HTTP-Redirect binding); sets the login-binding cookie' },
      async handle({ req, res }) {
        const returnTo = safeReturnTo(optionalField(req.query, 'returnTo'));
        // node-saml records the AuthnRequest ID through our RequestIdStore (see request-id-cache.ts); we
        // also note it, to bind it to this browser.
        const recorded = recordingRequestIds(options);
        const forceAuthn = optionalField(req.query, 'forceAuthn') === 'true';
        const url = await samlClient(options, recorded.cache, { forceAuthn }).getAuthorizeUrlAsync(returnTo ?? '', undefined, {});
        binding.bind(res, recorded.requestId());
        return url;
      },
    }),
    defineStream({
      method: 'post',
      path: `${mount}/acs`,
      operationId: 'consumeSamlResponse',
      summary: 'Assertion consumer service: the IdP’s signed response to a login this browser started (HTTP-POST binding)',
      tag,
      access: 'public',
      message: { in: 'form', schema: z.object({ SAMLResponse: z.string().describe('The signed SAML Response, base64'), RelayState: relayState }), maxBytes: FORM_MAX_BYTES },
      errors: [401],
      response: { status: 303, description: 'Signed in: a new session cookie, and on to RelayState (or the default page)', schema: LOCATION },
      async handle({ req, res }) {
        const startedByThisBrowser = binding.take(req, res);
        const login = await refusedAsUnauthenticated(options, 'acs', () => acceptLoginResponse(req.body, options, startedByThisBrowser));
        const returnTo = safeReturnTo(optionalField(req.body, 'RelayState'));
        await options.onLogin(login, req, res, returnTo === undefined ? {} : { returnTo });
      },
    }),
    // GET carries only the IdP's messages (HTTP-Redirect binding). Logging out from here ends every
    // session of the subject, so it is a POST with the CSRF token (startLogout), never a plain link.
    defineRedirect({
      method: 'get',
      path: `${mount}/logout`,
      operationId: 'receiveSamlLogoutRedirect',
      summary: 'Single logout from the IdP: its signed LogoutRequest or LogoutResponse (HTTP-Redirect binding); 405 without one',
      tag,
      access: 'public',
      message: { in: 'query', schema: redirectBindingQuery },
      errors: [401, 405],
      response: { status: 303, description: 'Logged out: to the IdP with our LogoutResponse, or back into the app' },
      async handle({ req, res }) {
        if (!hasInboundLogoutMessage(req.query)) {
          res.set('Allow', 'POST');
          throw new Problem('METHOD_NOT_ALLOWED', 'log out with POST and the X-CSRF-Token header (or the csrfToken form field)');
        }
        return (await refusedAsUnauthenticated(options, 'slo', () => acceptLogoutMessage(req, options))).redirectTo;
      },
    }),
    defineRedirect({
      method: 'post',
      path: `${mount}/logout`,
      operationId: 'samlLogout',
      summary: 'Log out here and at the IdP (the session’s CSRF token in X-CSRF-Token or csrfToken), or accept the IdP’s logout message (HTTP-POST binding)',
      tag,
      access: 'public',
      message: { in: 'form', schema: logoutForm, maxBytes: FORM_MAX_BYTES },
      errors: [401, 403],
      response: { status: 303, description: 'To the IdP with our LogoutRequest or LogoutResponse, or to returnTo' },
      async handle({ req }) {
        const outcome = hasInboundLogoutMessage(req.body)
          ? await refusedAsUnauthenticated(options, 'slo', () => acceptLogoutMessage(req, options))
          : await startLogout(req, options);
        return outcome.redirectTo;
      },
    }),
  ];
}

const samlMessage = (what: string) => z.string().optional().describe(`The IdP’s ${what}, base64`);
const redirectBindingQuery = z.object({
  SAMLRequest: samlMessage('LogoutRequest (deflated)'),
  SAMLResponse: samlMessage('LogoutResponse to ours (deflated)'),
  RelayState: relayState,
  SigAlg: z.string().optional().describe('The signature algorithm (HTTP-Redirect binding)'),
  Signature: z.string().optional().describe('The signature over the query (HTTP-Redirect binding), base64'),
});
const logoutForm = z.object({
  SAMLRequest: samlMessage('signed LogoutRequest'),
  SAMLResponse: samlMessage('signed LogoutResponse to ours'),
  RelayState: relayState,
  returnTo: z.string().optional().describe('Logging out here: a same-origin path to land on'),
  [LOGOUT_CSRF_FIELD]: z.string().optional().describe('Logging out here: the session’s CSRF token, when the X-CSRF-Token header cannot be sent (a plain form)'),
});

/** The SAML service provider as a router of its operations, to mount where acsUrl and sloUrl point (tests, embedding). */
export function createSamlRouter(options: SamlRouterOptions): Router {
  return operationsRouter(samlOperations(options, ''));
}

/** The request-ID cache node-saml writes the new AuthnRequest ID to, and that ID. */
function recordingRequestIds(options: SamlRouterOptions): { cache: CacheProvider; requestId(): string } {
  const store = requestIdCache(options.requestIds, options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS);
  let saved: string | undefined;
  const cache: CacheProvider = {
    ...store,
    saveAsync: (key, value) => {
      saved = key;
      return store.saveAsync(key, value);
    },
  };
  return {
    cache,
    requestId: () => {
      if (saved === undefined) throw new Error('node-saml made an AuthnRequest without recording its ID');
      return saved;
    },
  };
}

/**
 * The one place a refusal becomes a 401: the specific reason is logged (never the message), and the
 * client gets the gateway's generic UNAUTHENTICATED problem, rendered by the one error middleware.
 * Anything that is not a refusal (a store failing, a bug) propagates unchanged and becomes a 500.
 */
async function refusedAsUnauthenticated<T>(options: SamlRouterOptions, endpoint: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error: unknown) {
    if (!(error instanceof SamlRefusal)) throw error;
    options.logger.warn({ event: 'saml.refused', endpoint, refusal: error.reason }, 'SAML message refused');
    throw unauthenticated();
  }
}
