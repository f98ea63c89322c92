import express, { Router } from 'express';
import { acceptLoginResponse } from './acs';
import { MAX_MESSAGE_BYTES, optionalField } from './inbound-message';
import { acceptLogoutMessage, hasInboundLogoutMessage, startLogout } from './logout';
import { buildSpMetadata } from './metadata';
import { SamlRefusal, unauthenticated } from './refusal';
import { safeReturnTo } from './relay-state';
import { assertValidOptions, samlClient } from './saml-client';
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

  router.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').set('Cache-Control', 'public, max-age=3600').send(metadataXml);
  });

  router.get('/login', async (req, res) => {
    const returnTo = safeReturnTo(optionalField(req.query, 'returnTo'));
    // node-saml records the AuthnRequest ID through our RequestIdStore (see request-id-cache.ts).
    const url = await samlClient(options).getAuthorizeUrlAsync(returnTo ?? '', undefined, {});
    res.set('Cache-Control', 'no-store').redirect(302, url);
  });

  router.post('/acs', form, async (req, res) => {
    const login = await refusedAsUnauthenticated(options, 'acs', () => acceptLoginResponse(req.body, options));
    const returnTo = safeReturnTo(optionalField(req.body, 'RelayState'));
    await options.onLogin(login, req, res, returnTo === undefined ? {} : { returnTo });
  });

  router.get('/logout', async (req, res) => {
    const outcome = hasInboundLogoutMessage(req.query)
      ? await refusedAsUnauthenticated(options, 'slo', () => acceptLogoutMessage(req, options))
      : await startLogout(req, options);
    res.set('Cache-Control', 'no-store').redirect(303, outcome.redirectTo);
  });

  router.post('/logout', form, async (req, res) => {
    const outcome = await refusedAsUnauthenticated(options, 'slo', () => acceptLogoutMessage(req, options));
    res.set('Cache-Control', 'no-store').redirect(303, outcome.redirectTo);
  });

  return router;
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
    options.logger.warn({ event: 'saml.refused', endpoint, reason: error.reason }, 'SAML message refused');
    throw unauthenticated();
  }
}
