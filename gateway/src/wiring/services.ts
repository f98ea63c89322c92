import type { Logger } from 'pino';
import { ApiKeyFormat } from '../auth/api-keys/api-key-format';
import { ApiKeyHasher } from '../auth/api-keys/api-key-hash';
import { ApiKeyService } from '../auth/api-keys/api-key-service';
import { SessionService } from '../auth/sessions/session-service';
import { TokenService } from '../auth/tokens/token-service';
import type { Config } from '../config';
import { buildFilesFeature, type FilesFeature } from '../files-http/files-feature';
import type { Clock } from '../lib/clock';
import { NotificationsFeature } from '../notifications/notifications-feature';
import { PrincipalService } from '../principals/principal-service';
import { deriveKey } from '../secrets/derived-keys';
import type { GatewayStore } from '../store/gateway-store';
import type { LedgerBackend } from './ledger-backend';

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
  principals: PrincipalService;
  sessions: SessionService;
  tokens: TokenService;
  apiKeys: ApiKeyService;
  /** Medical files off chain (files-http/); opened at start-up or on first use. */
  files: FilesFeature;
  /** Chaincode event listener and live notification streams (notifications/); started by the server only. */
  notifications: NotificationsFeature;
  /** HMAC key of the Idempotency-Key request hashes (rest/idempotency.ts), derived from the master key. */
  idempotencyHashKey: Buffer;
}

export function buildServices({ config, logger, clock, store, backend, masterKey }: ServiceInputs): GatewayServices {
  const principals = new PrincipalService({ store, identities: backend.identities, ledger: backend.ledger, clock });
  const apiKeys = new ApiKeyService({
    keys: store.apiKeys,
    principals: store.principals,
    format: new ApiKeyFormat(deriveKey(masterKey, 'api-key-checksum')),
    hasher: new ApiKeyHasher(deriveKey(masterKey, 'api-key-pepper')),
    clock,
    logger,
    rotationOverlapMs: config.apiKeys.rotationOverlapMs,
  });
  return {
    ...backend,
    store,
    principals,
    sessions: new SessionService(store.sessions, store.principals, config.sessions, clock),
    tokens: new TokenService(store.tokens, store.principals, clock),
    apiKeys,
    files: buildFilesFeature({ config: config.files, logger, ledger: backend.ledger, principals: store.principals, masterKey }),
    notifications: new NotificationsFeature({ store: store.notifications, clock, logger, ...(backend.events === undefined ? {} : { source: backend.events }) }),
    idempotencyHashKey: deriveKey(masterKey, 'idempotency-request-hash'),
  };
}
