import type { Logger } from 'pino';
import type { Config } from '../config';
import { loadMasterKey } from '../files/keys/master-key';
import { ApiKeyFormat } from '../identity/api-keys/api-key-format';
import { ApiKeyHasher } from '../identity/api-keys/api-key-hash';
import { ApiKeyService } from '../identity/api-keys/api-key-service';
import { systemClock, type Clock } from '../platform/clock';
import { deriveKey } from '../platform/secrets/derived-keys';
import type { GatewayStore } from './gateway-store';
import { openStore } from './open-store';

export interface ApiKeyServiceInputs {
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
  store: GatewayStore;
  masterKey: Uint8Array;
}

/** The API key service, from the store and keys derived from the master key; buildServices (services.ts) builds the gateway's with this. */
export function buildApiKeyService({ config, logger, clock, store, masterKey }: ApiKeyServiceInputs): ApiKeyService {
  return new ApiKeyService({
    keys: store.apiKeys,
    principals: store.principals,
    format: new ApiKeyFormat(deriveKey(masterKey, 'api-key-checksum')),
    hasher: new ApiKeyHasher(deriveKey(masterKey, 'api-key-pepper')),
    clock,
    logger,
    rotationOverlapMs: config.apiKeys.rotationOverlapMs,
  });
}

export interface OpenApiKeys {
  apiKeys: ApiKeyService;
  close(): Promise<void>;
}

/**
 * The API keys alone, opened from configuration: the master key and the store, no ledger. The
 * operator CLI lists, rotates and revokes keys with this, so that those commands load neither the
 * ledger nor the files feature nor the metrics (openGateway opens everything, for the server).
 */
export async function openApiKeys(config: Readonly<Config>, logger: Logger, clock: Clock = systemClock): Promise<OpenApiKeys> {
  const masterKey = await loadMasterKey(config.masterKey, logger);
  const store = await openStore(config, logger, clock);
  return { apiKeys: buildApiKeyService({ config, logger, clock, store, masterKey }), close: () => store.close() };
}
