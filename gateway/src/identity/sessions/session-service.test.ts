import { createHash } from 'node:crypto';
import { HOUR, MINUTE } from '../../test-support/manual-clock';
import { signIn, useTestGateway } from '../../test-support/test-gateway';

describe('sessions', () => {
  const gateway = useTestGateway();

  it('when a session is created, then its ID is 32 random bytes and only its SHA-256 is stored', async () => {
    const { principal } = await signIn(gateway);

    const session = await gateway.services.sessions.create(principal.id);

    expect(Buffer.from(session.sessionId, 'base64url')).toHaveLength(32);
    const hash = createHash('sha256').update(session.sessionId).digest('hex');
    expect((await gateway.services.store.sessions.get(hash))?.principalId).toBe(principal.id);
  });

  it('when the session is used within the idle timeout, then it stays alive past what would have been the idle deadline', async () => {
    const { principal } = await signIn(gateway);
    const { sessionId } = await gateway.services.sessions.create(principal.id);

    for (let step = 0; step < 4; step += 1) {
      gateway.clock.advance(10 * MINUTE);
      expect((await gateway.services.sessions.resolve(sessionId))?.principal.id).toBe(principal.id);
    }
  });

  it('when the session is idle for 15 minutes, then it is logged off and deleted', async () => {
    const { principal } = await signIn(gateway);
    const { sessionId } = await gateway.services.sessions.create(principal.id);

    gateway.clock.advance(15 * MINUTE);

    expect(await gateway.services.sessions.resolve(sessionId)).toBeUndefined();
    expect(await gateway.services.store.sessions.get(createHash('sha256').update(sessionId).digest('hex'))).toBeUndefined();
  });

  it('when the session reaches 8 hours, then it ends even though it was used constantly', async () => {
    const { principal } = await signIn(gateway);
    const { sessionId } = await gateway.services.sessions.create(principal.id);

    for (let elapsed = 0; elapsed < 8 * HOUR - 10 * MINUTE; elapsed += 10 * MINUTE) {
      gateway.clock.advance(10 * MINUTE);
      expect(await gateway.services.sessions.resolve(sessionId)).toBeDefined();
    }
    gateway.clock.advance(10 * MINUTE);

    expect(await gateway.services.sessions.resolve(sessionId)).toBeUndefined();
  });

  it('when a cookie holds a made-up or malformed session ID, then there is no session', async () => {
    expect(await gateway.services.sessions.resolve('A'.repeat(43))).toBeUndefined();
    expect(await gateway.services.sessions.resolve("'; DROP TABLE sessions; --")).toBeUndefined();
  });

  it('when expired sessions are purged, then live ones remain', async () => {
    const { principal } = await signIn(gateway);
    const stale = await gateway.services.sessions.create(principal.id);
    gateway.clock.advance(14 * MINUTE);
    const fresh = await gateway.services.sessions.create(principal.id);
    gateway.clock.advance(2 * MINUTE);

    await gateway.services.store.purgeExpired(gateway.clock.now(), gateway.config.sessions.idleMs);

    expect(await gateway.services.store.sessions.get(createHash('sha256').update(stale.sessionId).digest('hex'))).toBeUndefined();
    expect(await gateway.services.sessions.resolve(fresh.sessionId)).toBeDefined();
  });
});
