import express from 'express';
import request from 'supertest';
import type { Principal } from '../identity/principals/principal';
import { createTestGateway, signIn, type SignedIn, type TestGateway } from '../test-support/test-gateway';
import { errorHandler } from './errors/error-handler';
import { MemoryRateLimitCounters } from './rate-limit-counters';
import { createRateLimits } from './rate-limits';

describe('rate limits', () => {
  let gateway: TestGateway;

  afterEach(() => gateway.close());

  it('when the SAML login endpoints are hit too often, then 429 RATE_LIMITED comes as problem+json with RateLimit headers', async () => {
    gateway = createTestGateway({ environment: { MEDLEDGER_LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });

    await request(gateway.app).get('/auth/saml/login');
    await request(gateway.app).post('/auth/saml/acs');
    const third = await request(gateway.app).get('/auth/saml/login');

    expect(third.status).toBe(429);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(third.headers['ratelimit-policy']).toBeDefined();
    expect(third.headers.ratelimit).toMatch(/^limit=2, remaining=0, reset=\d+$/);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    expect((await request(gateway.app).get('/livez')).status).toBe(200);
  });

  it('when tokens are created too often, then creation is limited while other requests go on', async () => {
    gateway = createTestGateway({ environment: { MEDLEDGER_CREDENTIAL_RATE_LIMIT_PER_HOUR: '1' } });
    const user = await signIn(gateway);
    const create = () => request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken).send({ name: 't', scopes: ['read'] });

    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(429);
    expect((await request(gateway.app).get('/me/tokens').set('Cookie', user.cookie)).status).toBe(200);
  });

  it('when any route is hit beyond the general limit, then it is refused', async () => {
    gateway = createTestGateway({ environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '3' } });

    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await request(gateway.app).get('/livez')).status);
    }

    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('rate limits per principal', () => {
  let gateway: TestGateway;

  afterEach(() => gateway.close());

  const me = (token: string) => request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);
  // made by the service, not POST /me/tokens: that request would count against the principal too
  const tokenOf = async (user: SignedIn) => (await gateway.services.tokens.create(user.principal, { name: 't', scopes: ['read'], days: 1 })).token;

  it('when one principal goes beyond its limit, then it is refused while another principal from the same address goes on', async () => {
    gateway = createTestGateway({ environment: { MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '3' } });
    const [busy, quiet] = [await tokenOf(await signIn(gateway)), await tokenOf(await signIn(gateway))];

    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await me(busy)).status);
    }

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await me(quiet)).status).toBe(200);
  });

  it('when authenticated requests from one address pass the address limit, then they go on, while anonymous ones and failed credentials from it are limited', async () => {
    gateway = createTestGateway({ environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '2' } });
    const token = await tokenOf(await signIn(gateway));

    const authenticated = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      authenticated.push((await me(token)).status);
    }
    const anonymous = [(await me('mlt_not-a-token')).status, (await request(gateway.app).get('/livez')).status, (await request(gateway.app).get('/livez')).status];

    expect(authenticated).toEqual([200, 200, 200, 200]);
    expect(anonymous).toEqual([401, 200, 429]);
  });

  it('when two gateways share their counters, then a principal’s requests to either count together', async () => {
    const counters = new MemoryRateLimitCounters();
    const settings = { generalPerMinute: 100, principalPerMinute: 2, loginPerMinute: 100, credentialPerHour: 100 };
    const replica = () => {
      const app = express();
      app.use((req, _res, next) => {
        req.principal = { id: 'prn_shared' } as Principal;
        next();
      }, createRateLimits(settings, counters).principal);
      app.get('/', (_req, res) => res.status(204).end());
      app.use(errorHandler());
      return app;
    };
    const [first, second] = [replica(), replica()];

    const statuses = [(await request(first).get('/')).status, (await request(second).get('/')).status, (await request(first).get('/')).status];

    expect(statuses).toEqual([204, 204, 429]);
  });
});
