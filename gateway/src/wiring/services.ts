import type { Logger } from 'pino';
import type { ApiKeyService } from '../identity/api-keys/api-key-service';
import { SessionService } from '../identity/sessions/session-service';
import { TokenService } from '../identity/tokens/token-service';
import type { Config } from '../config';
import { buildFilesFeature, type FilesFeature } from '../features/records/files-feature';
import type { Clock } from '../platform/clock';
import { NotificationsFeature } from '../features/notifications/notifications-feature';
import { PrincipalService } from '../identity/principals/principal-service';
import { deriveKey } from '../platform/secrets/derived-keys';
import type { GatewayStore } from './gateway-store';
import type { LedgerBackend } from '../ledger/ledger-backend';
import { LedgerCalls } from '../ledger/ledger-calls';
import { RestMetrics } from '../api/metrics';
import { buildApiKeyService } from './open-api-keys';

export interface ServiceInputs {
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
  store: GatewayStore;
  backend: LedgerBackend;
  masterKey: Uint8Array;
}

/** The gateway's use-case services, built once from the store, the ledger backend and derived secrets. */
export interface GatewayServices extends LedgerBackend {
  store: GatewayStore;
  /** Prometheus metrics of the REST API and of every ledger call (served at /metrics). */
  metrics: RestMetrics;
  /** The one path every use case takes to the ledger (metrics, results checked against the contract). */
  ledgerCalls: LedgerCalls;
  principals: PrincipalService;
  sessions: SessionService;
  tokens: TokenService;
  apiKeys: ApiKeyService;
  /** Medical files off chain (features/records/); opened at start-up or on first use. */
  files: FilesFeature;
  /** Chaincode event listener and live notification streams (notifications/); started by the server only. */
  notifications: NotificationsFeature;
  /** HMAC key of the Idempotency-Key request hashes (api/idempotency.ts), derived from the master key. */
  idempotencyHashKey: Buffer;
  /** HMAC key of the SAML login-binding cookie, derived from the master key: a sign-in started on one gateway may finish on another. */
  samlLoginBindingKey: Buffer;
}

export function buildServices({ config, logger, clock, store, backend, masterKey }: ServiceInputs): GatewayServices {
  const metrics = new RestMetrics();
  const ledgerCalls = new LedgerCalls(backend.ledger, metrics, logger);
  const principals = new PrincipalService({ store, identities: backend.identities, ledger: ledgerCalls, clock });
  const apiKeys = buildApiKeyService({ config, logger, clock, store, masterKey });
  return {
    ...backend,
    store,
    metrics,
    ledgerCalls,
    principals,
    sessions: new SessionService(store.sessions, store.principals, config.sessions, clock),
    tokens: new TokenService(store.tokens, store.principals, clock),
    apiKeys,
    files: buildFilesFeature({ config: config.files, logger, ledger: ledgerCalls, principals: store.principals, keyStore: store, masterKey }),
    notifications: new NotificationsFeature({
      stores: store,
      clock,
      logger,
      ...(backend.events === undefined ? {} : { source: backend.events }),
      ...(store.replicas === undefined ? {} : { replicas: store.replicas }),
    }),
    idempotencyHashKey: deriveKey(masterKey, 'idempotency-request-hash'),
    samlLoginBindingKey: deriveKey(masterKey, 'saml-login-binding'),
  };
}
