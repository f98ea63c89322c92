import request from 'supertest';
import { createTestGateway, signIn, type TestGateway } from '../test-support/test-gateway';

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
