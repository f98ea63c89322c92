import request from 'supertest';
import { signIn, useTestGateway } from '../../test-support/test-gateway';
import { createdTokenOf } from '../../test-support/credential-bodies';
import { codeOf, problemOf } from '../../test-support/response-body';

describe('session cookie, CSRF and logout', () => {
  const gateway = useTestGateway();

  it('when a signed-in browser asks for /auth/csrf, then it gets the session’s token', async () => {
    const user = await signIn(gateway);

    const response = await request(gateway.app).get('/auth/csrf').set('Cookie', user.cookie);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ csrfToken: user.csrfToken });
  });

  it('when a cookie-authenticated POST lacks the CSRF token, then it is refused with 403 CSRF_FAILED', async () => {
    const user = await signIn(gateway);

    const response = await request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).send({ name: 'ci', scopes: ['read'] });

    expect(response.status).toBe(403);
    expect(codeOf(response)).toBe('CSRF_FAILED');
  });

  it('when a cookie-authenticated POST has a wrong CSRF token, then it is refused', async () => {
    const user = await signIn(gateway);

    const response = await request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).set('X-CSRF-Token', `${user.csrfToken.slice(0, -1)}x`).send({ name: 'ci', scopes: ['read'] });

    expect(codeOf(response)).toBe('CSRF_FAILED');
  });

  it('when another session’s CSRF token is sent, then it is refused', async () => {
    const user = await signIn(gateway);
    const other = await signIn(gateway);

    const response = await request(gateway.app).post('/auth/logout').set('Cookie', user.cookie).set('X-CSRF-Token', other.csrfToken);

    expect(codeOf(response)).toBe('CSRF_FAILED');
  });

  it('when a cookie-authenticated POST carries the CSRF token, then it goes through', async () => {
    const user = await signIn(gateway);

    const response = await request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken).send({ name: 'ci', scopes: ['read'] });

    expect(response.status).toBe(201);
  });

  it('when a bearer-token request changes state without a CSRF token, then it is not asked for one', async () => {
    const user = await signIn(gateway);
    const made = await request(gateway.app).post('/me/tokens').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken).send({ name: 'ci', scopes: ['read', 'write'] });

    const { id, token } = createdTokenOf(made);
    const response = await request(gateway.app).delete(`/me/tokens/${id}`).set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(204);
  });

  it('when the user logs out, then the cookie is cleared and the session no longer works', async () => {
    const user = await signIn(gateway);

    const logout = await request(gateway.app).post('/auth/logout').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken);
    const after = await request(gateway.app).get('/me').set('Cookie', user.cookie);

    expect(logout.status).toBe(204);
    expect(logout.headers['set-cookie']?.[0]).toMatch(/^medledger_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(after.status).toBe(401);
  });

  it('when the session idles out, then the next request is 401 and asks to sign in again', async () => {
    const user = await signIn(gateway);

    gateway.clock.advance(gateway.config.sessions.idleMs);
    const response = await request(gateway.app).get('/me').set('Cookie', user.cookie);

    expect(response.status).toBe(401);
    expect(problemOf(response).detail).toMatch(/session expired/);
  });
});
