import { createHash } from 'node:crypto';
import request from 'supertest';
import { allStoredText } from '../../test-support/database-scan';
import { DAY } from '../../test-support/manual-clock';
import { signIn, useTestGateway, type SignedIn } from '../../test-support/test-gateway';
import { createdTokenOf, meOf, tokensOf } from '../../test-support/credential-bodies';
import { problemOf } from '../../test-support/response-body';
import { displayPrefix, newToken } from './token-format';
import { LAST_USE_RESOLUTION_MS } from '../credential-state';

describe('personal access tokens', () => {
  const gateway = useTestGateway({ databaseOnDisk: true });
  let user: SignedIn;

  async function makeToken(body: Record<string, unknown> = { name: 'laptop', scopes: ['read', 'write'] }, who: SignedIn = user) {
    return request(gateway.app).post('/me/tokens').set('Cookie', who.cookie).set('X-CSRF-Token', who.csrfToken).send(body);
  }

  beforeEach(async () => {
    user = await signIn(gateway, 'doctor');
  });

  it('when a signed-in person creates a token, then it is shown once in the mlpat_ format with its expiry, and never again', async () => {
    const response = await makeToken();
    const listed = await request(gateway.app).get('/me/tokens').set('Cookie', user.cookie);

    expect(response.status).toBe(201);
    const created = createdTokenOf(response);
    expect(created.token).toMatch(/^mlpat_[0-9A-Za-z]{49}$/);
    expect(created).toMatchObject({ name: 'laptop', scopes: ['read', 'write'], prefix: created.token.slice(0, 10), expiresAt: new Date(gateway.clock.now().getTime() + 30 * DAY).toISOString() });
    expect(tokensOf(listed)).toEqual([expect.objectContaining({ id: created.id, name: 'laptop', prefix: created.prefix, lastUsedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
  });

  it('when a token is stored, then the database holds its SHA-256 only', async () => {
    const { token } = createdTokenOf(await makeToken());

    const stored = allStoredText(gateway.config.databaseFile);

    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(10));
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'));
  });

  it('when the token is used as a bearer token, then it authenticates as its owner with its scopes and lastUsed is recorded', async () => {
    const { token } = createdTokenOf(await makeToken({ name: 'ro', scopes: ['read'] }));

    const me = await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);
    const listed = await request(gateway.app).get('/me/tokens').set('Authorization', `Bearer ${token}`);

    expect(me.status).toBe(200);
    expect(meOf(me).principal.id).toBe(user.principal.id);
    expect(meOf(me).auth).toEqual({ method: 'token', scopes: ['read'] });
    expect(tokensOf(listed)[0]?.lastUsedAt).toBe(gateway.clock.now().toISOString());
  });

  it('when a token is used again, then its last use moves only once it is a minute or more after the recorded one', async () => {
    const { token } = createdTokenOf(await makeToken({ name: 'ro', scopes: ['read'] }));
    const lastUsed = async () => tokensOf(await request(gateway.app).get('/me/tokens').set('Authorization', `Bearer ${token}`))[0]?.lastUsedAt;
    const firstUse = gateway.clock.now().toISOString();

    expect(await lastUsed()).toBe(firstUse);
    gateway.clock.advance(LAST_USE_RESOLUTION_MS - 1);
    expect(await lastUsed()).toBe(firstUse);
    gateway.clock.advance(1);
    expect(await lastUsed()).toBe(gateway.clock.now().toISOString());
  });

  it('when a token tries to create a token, then it is refused', async () => {
    const { token } = createdTokenOf(await makeToken());

    const response = await request(gateway.app).post('/me/tokens').set('Authorization', `Bearer ${token}`).send({ name: 'child', scopes: ['read'] });

    expect(response.status).toBe(403);
  });

  it('when the token has expired, then it is refused with 401', async () => {
    const { token } = createdTokenOf(await makeToken({ name: 'short', scopes: ['read'], expiresInDays: 1 }));

    gateway.clock.advance(DAY);
    const response = await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(401);
    expect(problemOf(response).detail).toBe('token expired');
  });

  it('when a lifetime over 90 days is asked for, then it is refused with 422', async () => {
    const response = await makeToken({ name: 'forever', scopes: ['read'], expiresInDays: 91 });

    expect(response.status).toBe(422);
  });

  it('when the token is revoked, then the very next request with it is refused', async () => {
    const { token, id } = createdTokenOf(await makeToken());

    await request(gateway.app).delete(`/me/tokens/${id}`).set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken).expect(204);
    const response = await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(401);
    expect(problemOf(response).detail).toBe('token revoked');
  });

  it('when a read-only token tries to write, then it is refused with 403 for lack of scope', async () => {
    const { token, id } = createdTokenOf(await makeToken({ name: 'ro', scopes: ['read'] }));

    const response = await request(gateway.app).delete(`/me/tokens/${id}`).set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(403);
    expect(problemOf(response).detail).toContain('write');
  });

  it('when a token’s checksum is tampered with, then it is refused with 401 before any database lookup', async () => {
    const { token } = createdTokenOf(await makeToken());
    const tampered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    const lookup = jest.spyOn(gateway.services.store.tokens, 'findByHash');

    const response = await request(gateway.app).get('/me').set('Authorization', `Bearer ${tampered}`);

    expect(response.status).toBe(401);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('when a non-admin asks for the admin scope, then it is refused', async () => {
    const response = await makeToken({ name: 'sneaky', scopes: ['admin'] });

    expect(response.status).toBe(403);
  });

  describe('when a stored token holds a scope its owner’s role does not allow (a role change or an edited record)', () => {
    async function storedToken(scopes: ('read' | 'write' | 'admin')[]): Promise<string> {
      const token = newToken();
      const now = gateway.clock.now().getTime();
      await gateway.services.store.tokens.insert({ id: `pat_scopes${scopes.join('')}`, principalId: user.principal.id, name: 'edited', tokenHash: createHash('sha256').update(token).digest('hex'), prefix: displayPrefix(token), scopes, createdAt: now, expiresAt: now + DAY });
      return token;
    }

    it('then verification grants only the scopes the role allows', async () => {
      const token = await storedToken(['read', 'admin']);

      const me = await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);

      expect(me.status).toBe(200);
      expect(meOf(me).auth).toEqual({ method: 'token', scopes: ['read'] });
      expect(await gateway.services.tokens.verify(token)).toMatchObject({ ok: true, record: { scopes: ['read'] } });
    });

    it('then a token left with no allowed scope is refused with 401', async () => {
      const token = await storedToken(['admin']);

      const me = await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`);

      expect(me.status).toBe(401);
      expect(await gateway.services.tokens.verify(token)).toEqual({ ok: false, reason: 'token has no scope its owner’s role allows' });
    });
  });

  it('when someone revokes another person’s token, then it is not found and the token still works', async () => {
    const { token, id } = createdTokenOf(await makeToken());
    const other = await signIn(gateway);

    const response = await request(gateway.app).delete(`/me/tokens/${id}`).set('Cookie', other.cookie).set('X-CSRF-Token', other.csrfToken);

    expect(response.status).toBe(404);
    expect((await request(gateway.app).get('/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it('when a token is sent in the query string, then it is refused with 401 and not logged', async () => {
    const { token } = createdTokenOf(await makeToken());

    const response = await request(gateway.app).get(`/me?access_token=${token}`);

    expect(response.status).toBe(401);
    expect(gateway.logs.text()).not.toContain(token.slice(10));
  });
});
