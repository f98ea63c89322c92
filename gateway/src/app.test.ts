import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import request from 'supertest';
import { createTestGateway, useTestGateway } from './test-support/test-gateway';
import { codeOf } from './test-support/response-body';

describe('gateway app on the embedded ledger', () => {
  const gateway = useTestGateway({}, 'describe');

  it('when /version is requested, then the chaincode answers through the embedded ledger', async () => {
    const response = await request(gateway.app).get('/version');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ chaincode: '0.1.0', ledger: 'embedded (single-node development ledger)' });
  });

  it('when /livez is requested, then the process answers ok', async () => {
    const response = await request(gateway.app).get('/livez');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('when /readyz is requested, then the ledger has answered', async () => {
    expect((await request(gateway.app).get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('when an unknown path is requested, then 404 NOT_FOUND comes as problem+json', async () => {
    const response = await request(gateway.app).get('/nope');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('when any response is sent, then helmet headers are set, responses are not cached and Express is not advertised', async () => {
    const response = await request(gateway.app).get('/livez');

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('when a protected route is called without credentials, then 401 UNAUTHENTICATED with a WWW-Authenticate challenge', async () => {
    const response = await request(gateway.app).get('/me');

    expect(response.status).toBe(401);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(response.headers['www-authenticate']).toContain('Bearer');
  });
});

describe('test gateways and npm start’s data', () => {
  it('when a test gateway is created without a data directory, then it uses a fresh temporary one, removed on close, never the repository’s .data', async () => {
    const gateway = createTestGateway();
    const { dataDir } = gateway.config;

    expect(resolve(dataDir).startsWith(resolve(tmpdir()))).toBe(true);
    expect(existsSync(dataDir)).toBe(true);
    await gateway.close();
    expect(existsSync(dataDir)).toBe(false);
  });
});
