import express, { Router } from 'express';
import type { CacheProvider } from '@node-saml/passport-saml';
import { Problem } from '../../api/errors/problems';
import { acceptLoginResponse } from './acs';
import { MAX_MESSAGE_BYTES, optionalField } from './inbound-message';
import { acceptLogoutMessage, hasInboundLogoutMessage, startLogout } from './logout';
import { loginBinding } from './login-binding';
import { buildSpMetadata } from './metadata';
import { SamlRefusal, unauthenticated } from './refusal';
import { safeReturnTo } from './relay-state';
import { requestIdCache } from './request-id-cache';
import { assertValidOptions, DEFAULT_REQUEST_TTL_MS, samlClient } from './saml-client';
import type { SamlRouterOptions } from './types';

/**
 * The SAML service provider as an Express router. It knows nothing about sessions: a verified login
 * goes to options.onLogin, a logout to options.onLogout. Mount it where acsUrl/sloUrl point, e.g.
 * app.use('/auth/saml', createSamlRouter(options)) with acsUrl = https://host/auth/saml/acs.
 */
export function createSamlRouter(options: SamlRouterOptions): Router {
  assertValidOptions(options);
  const metadataXml = buildSpMetadata(options);
  // Base64 inflates by 4/3; the form parser refuses anything larger before we look at it.
  const form = express.urlencoded({ extended: false, limit: Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 4096 });
  const router = Router();
  const binding = loginBinding(options.acsUrl, options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS);

  router.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').set('Cache-Control', 'public, max-age=3600').send(metadataXml);
  });

  router.get('/login', async (req, res) => {
    const returnTo = safeReturnTo(optionalField(req.query, 'returnTo'));
    // node-saml records the AuthnRequest ID through our RequestIdStore (see request-id-cache.ts); we
    // also note it, to bind it to this browser.
    const recorded = recordingRequestIds(options);
    const url = await samlClient(options, recorded.cache).getAuthorizeUrlAsync(returnTo ?? '', undefined, {});
    binding.bind(res, recorded.requestId());
    res.set('Cache-Control', 'no-store').redirect(302, url);
  });

  router.post('/acs', form, async (req, res) => {
    const startedByThisBrowser = binding.take(req, res);
    const login = await refusedAsUnauthenticated(options, 'acs', () => acceptLoginResponse(req.body, options, startedByThisBrowser));
    const returnTo = safeReturnTo(optionalField(req.body, 'RelayState'));
    await options.onLogin(login, req, res, returnTo === undefined ? {} : { returnTo });
  });

  // GET carries only the IdP's messages (HTTP-Redirect binding). Logging out from here ends every
  // session of the subject, so it is a POST with the CSRF token (startLogout), never a plain link.
  router.get('/logout', async (req, res) => {
    if (!hasInboundLogoutMessage(req.query)) {
      res.set('Allow', 'POST');
      throw new Problem('METHOD_NOT_ALLOWED', 'log out with POST and the X-CSRF-Token header (or the csrfToken form field)');
    }
    const outcome = await refusedAsUnauthenticated(options, 'slo', () => acceptLogoutMessage(req, options));
    res.set('Cache-Control', 'no-store').redirect(303, outcome.redirectTo);
  });

  router.post('/logout', form, async (req, res) => {
    const outcome = hasInboundLogoutMessage(req.body)
      ? await refusedAsUnauthenticated(options, 'slo', () => acceptLogoutMessage(req, options))
      : await startLogout(req, options);
    res.set('Cache-Control', 'no-store').redirect(303, outcome.redirectTo);
  });

  return router;
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
