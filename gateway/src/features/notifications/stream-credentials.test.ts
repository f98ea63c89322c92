import express from 'express';
import request from 'supertest';
import { authenticate } from '../../identity/authenticate';
import { SESSION_COOKIE } from '../../identity/sessions/session-cookie';
import { createLogger } from '../../platform/logging/logger';
import { samlLogin, signIn, createTestGateway, type TestGateway } from '../../test-support/test-gateway';
import type { Principal } from '../../identity/principals/principal';
import { NotificationsFeature } from './notifications-feature';
import { operationsRouter } from '../../api/mount';
import { NOTIFICATIONS_MOUNT, notificationOperations } from './notification-operations';
import { DEFAULT_SSE, type SseOptions } from './sse-connection';
import type { SseClient } from './test-support/sse-client';
import { StreamServer } from './test-support/stream-server';

const STREAM = `${NOTIFICATIONS_MOUNT}/stream`;
const HEARTBEAT_MS = 40;

/**
 * The stream's credential checks over time: the real router and authenticate() over the test
 * gateway's services (tokens, API keys, sessions), with a feature whose heartbeat, lifetime and
 * per-principal limit are short enough for a test.
 */
describe('the notification stream outlives no credential', () => {
  let gateway: TestGateway;
  let feature: NotificationsFeature;
  const streams = new StreamServer();

  async function start(sse: Partial<SseOptions> = {}): Promise<void> {
    feature = new NotificationsFeature({ stores: gateway.services.store, clock: gateway.clock.now, logger: createLogger('silent'), sse: { ...DEFAULT_SSE, heartbeatMs: HEARTBEAT_MS, ...sse } });
    const logger = createLogger('silent');
    const app = express();
    app.use((req, _res, next) => {
      req.log = logger;
      next();
    });
    app.use(operationsRouter(notificationOperations(feature), { authenticated: authenticate(gateway.services) }));
    await streams.listen(app);
  }

  beforeEach(() => {
    gateway = createTestGateway();
  });

  afterEach(async () => {
    streams.closeClients();
    await feature.stop();
    await streams.close();
    await gateway.close();
  });

  async function person(): Promise<{ principal: Principal; token: string; tokenId: string }> {
    const principal = await gateway.services.principals.signIn(samlLogin('patient'));
    const { token, summary } = await gateway.services.tokens.create(principal, { name: 'stream', scopes: ['read'], days: 1 });
    return { principal, token, tokenId: summary.id };
  }

  function connect(headers: Record<string, string>): Promise<SseClient> {
    return streams.connect(STREAM, headers);
  }

  /** Ends at the first heartbeat after `revoke`: no heartbeat comment is written once the credential fails. */
  async function expectEndsAtNextHeartbeat(client: SseClient, revoke: () => unknown): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));
    expect(client.response.readableEnded).toBe(false);
    const heartbeatsBefore = client.comments;
    expect(heartbeatsBefore).toBeGreaterThan(0);

    await revoke();

    expect(await ended(client, 5_000)).toBe(true);
    // At most one heartbeat already on the wire when the credential failed; none written after.
    expect(client.comments).toBeLessThanOrEqual(heartbeatsBefore + 1);
  }

  function ended(client: SseClient, withinMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (client.response.readableEnded) {
        resolve(true);
        return;
      }
      const timer = setTimeout(() => { resolve(false); }, withinMs);
      client.response.once('end', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  it('when the token is revoked while streaming, then the stream ends within one heartbeat and reconnecting answers 401', async () => {
    await start();
    const { principal, token, tokenId } = await person();
    const stream = await connect({ Authorization: `Bearer ${token}` });

    await expectEndsAtNextHeartbeat(stream, () => gateway.services.tokens.revoke(principal.id, tokenId));

    expect(feature.hub.connections(principal.id)).toBe(0);
    expect((await request(streams.server).get(STREAM).set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('when the organisation API key is revoked while streaming, then the stream ends within one heartbeat', async () => {
    await start();
    const organisation = await gateway.services.principals.organisation('pharmacy', `Stream Pharmacy ${Date.now()}`);
    const { apiKey, summary } = await gateway.services.apiKeys.issue(organisation, ['read'], 30);
    const stream = await connect({ 'X-API-Key': apiKey });

    await expectEndsAtNextHeartbeat(stream, () => gateway.services.apiKeys.revoke(summary.keyId));
  });

  it('when the account is removed (what DELETE /me does) while a token streams, then that stream ends', async () => {
    await start();
    const { principal, token } = await person();
    const stream = await connect({ Authorization: `Bearer ${token}` });

    await expectEndsAtNextHeartbeat(stream, () => gateway.services.principals.disable(principal.id));
  });

  it('when the session streaming expires by idleness, then the stream ends, and the open stream itself never counted as activity', async () => {
    await start();
    const user = await signIn(gateway);
    const stream = await connect({ Cookie: user.cookie });
    // Half the idle time passes with heartbeats (had they touched the session, it would be fresh again)...
    gateway.clock.advance(gateway.config.sessions.idleMs / 2);
    await new Promise((resolve) => setTimeout(resolve, 3 * HEARTBEAT_MS));
    expect(stream.response.readableEnded).toBe(false);

    // ...then the other half: idle since the stream opened.
    await expectEndsAtNextHeartbeat(stream, () => { gateway.clock.advance(gateway.config.sessions.idleMs / 2); });
    expect(await gateway.services.sessions.resolve(user.cookie.slice(SESSION_COOKIE.length + 1))).toBeUndefined();
  });

  it('when the session is logged out elsewhere while streaming, then the stream ends', async () => {
    await start();
    const user = await signIn(gateway);
    const stream = await connect({ Cookie: user.cookie });

    await expectEndsAtNextHeartbeat(stream, () => gateway.services.sessions.destroyAllFor(user.principal.id));
  });

  it('when a stream reaches its maximum lifetime, then it ends although the credential is still valid', async () => {
    await start({ maxLifetimeMs: 150 });
    const { token } = await person();
    const stream = await connect({ Authorization: `Bearer ${token}` });

    expect(await ended(stream, 100)).toBe(false);
    expect(await ended(stream, 200)).toBe(true);
  });

  it('when a principal opens more streams than allowed, then the oldest is dropped and the others stay', async () => {
    await start({ maxStreamsPerPrincipal: 2 });
    const { principal, token } = await person();
    const headers = { Authorization: `Bearer ${token}` };
    const first = await connect(headers);
    const second = await connect(headers);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const third = await connect(headers);

    expect(await ended(first, 200)).toBe(true);
    expect(await ended(second, 2 * HEARTBEAT_MS)).toBe(false);
    expect(third.response.readableEnded).toBe(false);
    expect(feature.hub.connections(principal.id)).toBe(2);
  });
});
