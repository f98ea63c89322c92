import request from 'supertest';
import { generateSigningIdentity } from '../identity/dev-idp/signing-identity';
import { embeddedBackend } from '../ledger/embedded/embedded-backend';
import { createLogger } from '../platform/logging/logger';
import { bindingCookie, devIdpAnswer, formField, sessionCookie } from '../test-support/dev-idp-browser';
import { describeWithPostgres, usePostgresDatabase } from '../test-support/postgres-cluster';
import { perTest } from '../test-support/per-test';
import { freshToken, steppedUpScopes } from '../test-support/step-up-credentials';
import { createTestGateway, signIn, type TestGateway } from '../test-support/test-gateway';
import { openPostgresStore } from '../wiring/postgres-store';
import { Actors, hoursFromNow } from './test-support/actors';
import { StreamServer } from '../features/notifications/test-support/stream-server';

/**
 * Two gateways behind one address, as a load balancer without sticky sessions would send a
 * browser's or a client's requests to either: each with its own store connections (its own pool)
 * on one PostgreSQL database, the same master key and the same IdP. They run in this one process
 * on one embedded ledger, because the embedded ledger lives in a process; what is shared here is
 * exactly what replicas share: the database, the ledger, the keys and the IdP. Two gateway
 * processes on the Fabric network, with one S3 store too, are two-gateway-processes.itest.ts
 * (the integration project).
 */
describeWithPostgres('two gateways on one PostgreSQL database', (cluster) => {
  const database = usePostgresDatabase(cluster);
  const pair = perTest(
    async () => {
      const stores = await Promise.all([openPostgresStore({ url: database.url }), openPostgresStore({ url: database.url })]);
      const ledger = embeddedBackend({ logger: createLogger('silent') });
      const devIdpIdentity = generateSigningIdentity();
      const [first, second] = stores.map((store) => createTestGateway({ sso: true, store, backend: () => ledger, devIdpIdentity })) as [TestGateway, TestGateway];
      return {
        first,
        second,
        close: async () => {
          await Promise.all([first.close(), second.close()]);
          await Promise.all(stores.map((store) => store.close()));
        },
      };
    },
    ({ close }) => close(),
  );

  it('when a sign-in starts on one gateway and its answer is posted to the other, then it succeeds there, the session works on both, and the answer replayed to the first is refused', async () => {
    const { login, posted } = await devIdpAnswer(pair.first.app, 'alice.patient@dev-idp.medledger.test');
    const answer = { SAMLResponse: formField(posted.text, 'SAMLResponse') };

    const onSecond = await request(pair.second.app).post('/auth/saml/acs').type('form').set('Cookie', bindingCookie(login)).send(answer);
    expect(onSecond.status).toBe(303);
    const cookie = sessionCookie(onSecond);
    expect((await request(pair.first.app).get('/me').set('Cookie', cookie)).body).toMatchObject({ principal: { role: 'patient', displayName: 'Alice Patient' } });

    const replayed = await request(pair.first.app).post('/auth/saml/acs').type('form').set('Cookie', bindingCookie(login)).send(answer);
    expect(replayed.status).toBe(401);
    expect(sessionCookie(replayed)).toBe('');
  });

  it('when a token is minted on one gateway, then it works on the other; when the other revokes it, then the first refuses it', async () => {
    const patient = await signIn(pair.first, 'patient');
    const { token, summary } = await freshToken(pair.first, patient.principal, ['read']);
    const bearer = `Bearer ${token}`;

    expect((await request(pair.second.app).get('/me').set('Authorization', bearer)).status).toBe(200);

    await pair.second.services.tokens.revoke(patient.principal.id, summary.id);
    expect((await request(pair.first.app).get('/me').set('Authorization', bearer)).status).toBe(401);
  });

  it('when a session is signed out on one gateway, then the other refuses its cookie', async () => {
    const patient = await signIn(pair.first, 'patient');
    expect((await request(pair.second.app).get('/me').set('Cookie', patient.cookie)).status).toBe(200);

    const out = await request(pair.second.app).post('/auth/logout').set('Cookie', patient.cookie).set('X-CSRF-Token', patient.csrfToken);
    expect(out.status).toBeLessThan(400);

    expect((await request(pair.first.app).get('/me').set('Cookie', patient.cookie)).status).toBe(401);
  });

  it('when both gateways listen for notifications, then one of them stores each event once, and a client streaming from the other receives it', async () => {
    await pair.first.services.notifications.start();
    await pair.second.services.notifications.start();
    const streams = new StreamServer();
    await streams.listen(pair.second.app);
    try {
      const actors = new Actors(pair.first);
      const patient = await actors.person('patient');
      const doctor = await actors.person('doctor');
      // A token stored before it is used: Actor headers mint one per use without waiting for the insert.
      const { token } = await freshToken(pair.first, patient.principal, steppedUpScopes(patient.principal, ['read', 'write']));
      const stream = await streams.connect('/me/notifications/stream', { authorization: `Bearer ${token}` });

      const granted = await request(pair.first.app)
        .post('/consents')
        .set('Authorization', `Bearer ${token}`)
        .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(72) });
      expect(granted.status).toBe(201);

      const [event] = await stream.waitFor(1, 10_000);
      expect(event?.event).toBe('consent.granted');
      const backlog = await pair.second.services.store.notifications.after(patient.principal.id, 0, 10);
      expect(backlog.map((notification) => notification.body.type)).toEqual(['consent.granted']);
    } finally {
      streams.closeClients();
      await Promise.all([pair.first.services.notifications.stop(), pair.second.services.notifications.stop()]);
      await streams.close();
    }
  });
});
