import { Router } from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate';
import type { Config } from '../config';
import { systemClock, type Clock } from '../lib/clock';
import { NOTIFICATION_ROUTES } from '../notifications/notifications-documentation';
import type { GatewayServices } from '../wiring/services';
import { Idempotency } from './idempotency';
import { LedgerCalls } from './ledger-calls';
import { RestMetrics } from './metrics';
import { mountOperations, type ResponseValidation } from './mount';
import { openApiDocument, type OpenApiDocument } from './openapi';
import type { Operation } from './operation';
import { accessRequestOperations } from './resources/access-requests';
import { accessOperations } from './resources/access';
import { appointmentOperations } from './resources/appointments';
import { consentOperations } from './resources/consents';
import { delegationOperations } from './resources/delegations';
import { HAND_WRITTEN_ROUTES } from './resources/hand-written-routes';
import { hospitalServiceOperations } from './resources/hospital-services';
import { insuranceOperations } from './resources/insurance';
import { orderOperations } from './resources/orders';
import { prescriptionOperations } from './resources/prescriptions';
import { recordOperations } from './resources/records';
import { stakeholderOperations } from './resources/stakeholders';
import { systemOperations } from './resources/system';

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
}

export interface RestApi {
  router: Router;
  operations: readonly Operation[];
  document(): OpenApiDocument;
  metrics: RestMetrics;
}

/** The REST API over the healthcare domain: its operations mounted, plus /openapi.json, /docs and /metrics. */
export function createRestApi({ config, services, logger, clock = systemClock, responseValidation, extraOperations = [] }: RestApiDependencies): RestApi {
  const metrics = new RestMetrics();
  let cached: OpenApiDocument | undefined;
  const document = (): OpenApiDocument =>
    (cached ??= openApiDocument([...operations, ...HAND_WRITTEN_ROUTES, ...NOTIFICATION_ROUTES], {
      title: 'MedLedger API',
      version: '1.0.0',
      description:
        'Consent, access requests, delegation, break-glass and the access log of MedLedger, over its Hyperledger Fabric ledger. Errors are RFC 9457 problem+json with a stable code. Lists are cursor-paginated (?limit=, ?cursor=; {items, nextCursor}). Creations (the POSTs answering 201) honour Idempotency-Key: a retry with the same key and body returns the first answer with Idempotent-Replayed: true, once the ledger has confirmed, as the caller, that the caller may still read what was created (otherwise its refusal is the answer). Every other POST (access checks, logged reads, state changes) ignores the key and is decided again on every call.',
    }));
  const operations: readonly Operation[] = [...RESOURCE_OPERATIONS, ...extraOperations, ...systemOperations(document, metrics)];
  const router = Router();
  router.use(metrics.httpMiddleware());
  mountOperations(router, operations, {
    authenticated: authenticate(services),
    deps: { ledger: new LedgerCalls(services.ledger, metrics), clock },
    idempotency: new Idempotency(services.store.idempotencyKeys, clock, services.idempotencyHashKey),
    responseValidation: responseValidation ?? (config.mode === 'production' ? 'log' : 'enforce'),
  });
  logger.debug({ operations: operations.length, responseValidation }, 'REST API mounted');
  return { router, operations, document, metrics };
}

/** The router to mount in app.ts. */
export function restApi(dependencies: RestApiDependencies): Router {
  return createRestApi(dependencies).router;
}
