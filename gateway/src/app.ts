import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { refuseCredentialsInUrl } from './identity/credentials-in-url';
import type { Config } from './config';
import { errorHandler } from './api/errors/error-handler';
import { answerOptions, methodNotAllowed } from './api/method-not-allowed';
import { noStore } from './api/no-store';
import { notFound } from './api/not-found';
import { createRateLimits } from './api/rate-limits';
import { securityHeaders } from './api/security-headers';
import { FHIR_CONTENT_TYPE } from './fhir/fhir-media';
import { httpLogger } from './platform/logging/http-logger';
import { restApi } from './wiring/rest-api';
import type { GatewayServices } from './wiring/services';
import { SAML_MOUNT, type SsoOperations } from './wiring/sso';

export interface AppDependencies {
  config: Readonly<Config>;
  logger: Logger;
  services: GatewayServices;
  /** Sign-in operations (wiring/sso.ts); without them only tokens and API keys authenticate. */
  sso?: SsoOperations;
}

/**
 * The REST gateway: middleware around one router of operations, every route of the app
 * (wiring/rest-api.ts). Listening is server.ts's job, so tests drive this with supertest.
 */
export function createApp({ config, logger, services, sso }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  const limits = createRateLimits(config.rateLimits, services.store.rateLimits);
  app.use(httpLogger(logger, config.requestLog), securityHeaders(), noStore(), limits.general, refuseCredentialsInUrl());
  app.use(express.json({ limit: config.http.bodyLimitBytes, type: ['application/json', FHIR_CONTENT_TYPE] }));
  app.use(answerOptions(app));

  app.use([`${SAML_MOUNT}/login`, `${SAML_MOUNT}/acs`], limits.login);
  app.use(restApi({ config, services, logger, rateLimits: limits, ...(sso === undefined ? {} : { sso }) }));
  app.use(methodNotAllowed(app), notFound());
  app.use(errorHandler());
  return app;
}
