import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../gateway/src/app';
import { createOrganisationKey } from '../gateway/src/auth/api-keys/organisation-keys';
import { loadConfig } from '../gateway/src/config';
import { createLogger } from '../gateway/src/logging/logger';
import { closeGateway, openGateway } from '../gateway/src/wiring/open-gateway';
import type { GatewayServices } from '../gateway/src/wiring/services';
import { STATE_DIR } from './support/network-paths';

/**
 * The gateway in Fabric mode against the native network: a principal gets its own identity from
 * its org's fabric-ca (role attributes in the certificate), registers on chain signed with that
 * identity, and GET /me reads the record back from the peers.
 */
function fabricEnvironment(): Record<string, string> {
  const registrarSecret = readFileSync(join(STATE_DIR, 'ca-bootstrap-password'), 'utf8').trim();
  const org = (prefix: string, name: string, peerPort: number, caPort: number) => ({
    [`MEDLEDGER_FABRIC_${prefix}_PEER_ENDPOINT`]: `localhost:${peerPort}`,
    [`MEDLEDGER_FABRIC_${prefix}_PEER_TLS_CA_FILE`]: join(STATE_DIR, 'crypto', name, 'msp', 'tlscacerts', 'ca.pem'),
    [`MEDLEDGER_FABRIC_${prefix}_PEER_HOST_OVERRIDE`]: `peer0.${name}.medledger.local`,
    [`MEDLEDGER_FABRIC_${prefix}_CA_URL`]: `https://localhost:${caPort}`,
    [`MEDLEDGER_FABRIC_${prefix}_CA_NAME`]: `ca-${name}`,
    [`MEDLEDGER_FABRIC_${prefix}_CA_TLS_CA_FILE`]: join(STATE_DIR, 'cas', name, 'ca-cert.pem'),
    [`MEDLEDGER_FABRIC_${prefix}_CA_REGISTRAR_ID`]: 'admin',
    [`MEDLEDGER_FABRIC_${prefix}_CA_REGISTRAR_SECRET`]: registrarSecret,
  });
  return {
    MEDLEDGER_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
    MEDLEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'medledger-gateway-it-')),
    MEDLEDGER_LOG_LEVEL: 'warn',
    ...org('PROVIDERS', 'providers', 7051, 8054),
    ...org('PAYERS', 'payers', 9051, 9054),
  };
}

describe('gateway on the real network', () => {
  let services: GatewayServices;

  afterAll(async () => {
    if (services !== undefined) {
      await closeGateway(services);
    }
  });

  it('when a pharmacy calls /me with its API key, then its own enrolled identity registered it on chain', async () => {
    const config = loadConfig(fabricEnvironment());
    const logger = createLogger(config.logLevel);
    services = await openGateway(config, logger);
    const app = createApp({ config, logger, services });

    const issued = await createOrganisationKey(services.principals, services.apiKeys, { organisation: 'Integration Pharmacy', role: 'pharmacy', scopes: ['read'], days: 1 });
    const response = await request(app).get('/me').set('Authorization', `ApiKey ${issued.apiKey}`);

    expect(response.status).toBe(200);
    expect(response.body.principal).toMatchObject({ role: 'pharmacy', stakeholderId: issued.principal.stakeholderId });
    expect(response.body.stakeholder).toMatchObject({ id: issued.principal.stakeholderId, role: 'pharmacy', mspId: 'PayersMSP', status: 'pending' });
    const stored = services.store.fabricIdentities.get(issued.principal.id);
    expect(stored?.mspId).toBe('PayersMSP');
    expect(stored?.certificatePem).toContain('BEGIN CERTIFICATE');
  });
});
