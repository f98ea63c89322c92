import request from 'supertest';
import { createApp } from '../gateway/src/app';
import { createOrganisationKey } from '../gateway/src/identity/api-keys/organisation-keys';
import { loadConfig } from '../gateway/src/config';
import { createLogger } from '../gateway/src/platform/logging/logger';
import { closeGateway, openGateway } from '../gateway/src/wiring/open-gateway';
import type { GatewayServices } from '../gateway/src/wiring/services';
import { fabricEnvironment } from './support/fabric-environment';

/**
 * The gateway in Fabric mode against the native network: a principal gets its own identity from
 * its org's fabric-ca (role attributes in the certificate), registers on chain signed with that
 * identity, and GET /me reads the record back from the peers.
 */
describe('gateway on the real network', () => {
  let services: GatewayServices | undefined;

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
    const body = response.body as { principal: unknown; stakeholder: unknown };
    expect(body.principal).toMatchObject({ role: 'pharmacy', stakeholderId: issued.principal.stakeholderId });
    expect(body.stakeholder).toMatchObject({ id: issued.principal.stakeholderId, role: 'pharmacy', mspId: 'PayersMSP', status: 'pending' });
    const stored = await services.store.fabricIdentities.get(issued.principal.id);
    expect(stored?.mspId).toBe('PayersMSP');
    expect(stored?.certificatePem).toContain('BEGIN CERTIFICATE');
  });
});
