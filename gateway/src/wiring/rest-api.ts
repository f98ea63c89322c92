import { Router } from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../identity/authenticate';
import type { Config } from '../config';
import { systemClock, type Clock } from '../platform/clock';
import { notificationOperations } from '../features/notifications/notification-operations';
import type { GatewayServices } from './services';
import type { SsoOperations } from './sso';
import { Idempotency } from '../api/idempotency';
import { RestMetrics } from '../api/metrics';
import { mountOperations, type ResponseValidation } from '../api/mount';
import { openApiDocument, type OpenApiDocument } from '../api/openapi';
import type { Operation } from '../api/operation';
import { accessRequestOperations } from '../features/consent/access-requests';
import { accessOperations } from '../features/consent/access';
import { appointmentOperations } from '../features/care/appointments';
import { consentOperations } from '../features/consent/consents';
import { delegationOperations } from '../features/consent/delegations';
import { hospitalServiceOperations } from '../features/care/hospital-services';
import { insuranceOperations } from '../features/insurance/insurance';
import { orderOperations } from '../features/prescriptions/orders';
import { prescriptionOperations } from '../features/prescriptions/prescriptions';
import { directoryOperations } from '../features/directory/directory-operations';
import { exportOperations } from '../features/export/export-operations';
import { fhirOperations } from '../features/fhir/fhir-operations';
import { fileOperations } from '../features/records/file-operations';
import { erasureOperations } from '../features/records/erasure-operations';
import { recordOperations } from '../features/records/records';
import { stakeholderOperations } from '../features/stakeholders/stakeholders';
import { systemOperations } from '../features/system/system';
import { probeOperations } from '../features/system/probes';
import { loadPortalAssets } from '../features/portal/portal-assets';
import { portalOperations } from '../features/portal/portal-operations';
import { createRateLimits, type RateLimits } from '../api/rate-limits';
import { apiKeyOperations } from '../identity/api-keys/api-key-operations';
import { meOperations } from '../identity/me/me-operations';
import { sessionCookieSettings } from '../identity/sessions/session-cookie';
import { sessionOperations } from '../identity/sessions/session-operations';
import { tokenOperations } from '../identity/tokens/token-operations';

/** Every healthcare resource operation, in documentation order. */
export const RESOURCE_OPERATIONS: readonly Operation[] = [
  ...stakeholderOperations,
  ...consentOperations,
  ...accessRequestOperations,
  ...delegationOperations,
  ...accessOperations,
  ...prescriptionOperations,
  ...orderOperations,
  ...insuranceOperations,
  ...appointmentOperations,
  ...hospitalServiceOperations,
  ...recordOperations,
];

export interface RestApiDependencies {
  config: Readonly<Config>;
  services: GatewayServices;
  /** Start-up messages; request-scoped logging uses req.log. */
  logger: Logger;
  clock?: Clock;
  /** Default: 'log' in production mode, 'enforce' otherwise (development and tests). */
  responseValidation?: ResponseValidation;
  /** Extra operations (tests). */
  extraOperations?: readonly Operation[];
  /** The app's limiters (app.ts); new ones from the configuration otherwise. */
  rateLimits?: Pick<RateLimits, 'credentials' | 'principal'>;
  /** Sign-in (wiring/sso.ts): the SAML service provider and the development IdP. */
  sso?: SsoOperations;
}

/** The gateway's own operations beside the healthcare resources: medical files, the account, administration, probes and notifications. */
function serviceOperations(config: Readonly<Config>, services: GatewayServices): Operation[] {
  const cookie = sessionCookieSettings(config);
  return [
    ...fileOperations(services.files),
    ...exportOperations(services.files),
    ...erasureOperations(services.files),
    ...meOperations(services.ledgerCalls, services.principals, cookie),
    ...tokenOperations(services.tokens),
    ...sessionOperations(services.sessions, cookie),
    ...apiKeyOperations(services.principals, services.apiKeys),
    ...probeOperations(services.platform),
    ...notificationOperations(services.notifications),
    ...directoryOperations(services.store.directory),
    ...portalOperations(loadPortalAssets(config.webDirectory)),
  ];
}

export interface RestApi {
  router: Router;
  operations: readonly Operation[];
  document(): OpenApiDocument;
  metrics: RestMetrics;
}

/** The REST API over the healthcare domain: its operations mounted, plus /openapi.json, /docs and /metrics. */
export function createRestApi({ config, services, logger, clock = systemClock, responseValidation, extraOperations = [], rateLimits = createRateLimits(config.rateLimits, services.store.rateLimits), sso = [] }: RestApiDependencies): RestApi {
  const { metrics } = services;
  let cached: OpenApiDocument | undefined;
  const document = (): OpenApiDocument =>
    (cached ??= openApiDocument(operations, {
      title: 'MedLedger API',
      version: '1.0.0',
      description:
        'Consent, access requests, delegation, break-glass and the access log of MedLedger, over its Hyperledger Fabric ledger. Errors are RFC 9457 problem+json with a stable code. Lists are cursor-paginated (?limit=, ?cursor=; {items, nextCursor}). Creations (the POSTs answering 201) honour Idempotency-Key: a retry with the same key and body returns the first answer with Idempotent-Replayed: true, once the ledger has confirmed, as the caller, that the caller may still read what was created (otherwise its refusal is the answer). A retry after an answer that never came or left the outcome unknown (504 TIMEOUT or COMMIT_STATUS_UNKNOWN) returns what committed, and commits nothing twice; while the first attempt may still be running it gets 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. Every other POST (access checks, logged reads, state changes) ignores the key and is decided again on every call.',
    }));
  const operations: readonly Operation[] = [...RESOURCE_OPERATIONS, ...fhirOperations({ files: services.files }), ...extraOperations, ...systemOperations(document, metrics), ...serviceOperations(config, services), ...sso];
  const router = Router();
  router.use(metrics.httpMiddleware());
  mountOperations(router, operations, {
    authenticated: authenticate(services),
    deps: { ledger: services.ledgerCalls, clock },
    idempotency: new Idempotency(services.store.idempotencyKeys, clock, services.idempotencyHashKey),
    responseValidation: responseValidation ?? (config.mode === 'production' ? 'log' : 'enforce'),
    rateLimits,
    principalLimit: rateLimits.principal,
  });
  logger.debug({ operations: operations.length, responseValidation }, 'REST API mounted');
  return { router, operations, document, metrics };
}

/** The router to mount in app.ts. */
export function restApi(dependencies: RestApiDependencies): Router {
  return createRestApi(dependencies).router;
}
