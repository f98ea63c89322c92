import express from 'express';
import request from 'supertest';
import { sessionCookieOf, setSessionCookie } from './session-cookie';

function appSetting(secure: boolean) {
  const app = express();
  app.get('/', (_req, res) => {
    setSessionCookie(res, 'abc', { secure, maxAgeMs: 8 * 3_600_000 });
    res.end();
  });
  app.get('/read', (req, res) => {
    res.json({ value: sessionCookieOf(req) ?? null });
  });
  return app;
}

describe('session cookie', () => {
  it('when the cookie is set, then it is HttpOnly, SameSite=Lax, Path=/ and lives no longer than the absolute timeout', async () => {
    const cookie = (await request(appSetting(false)).get('/')).headers['set-cookie']?.[0] ?? '';

    expect(cookie).toMatch(/^medledger_session=abc;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).not.toContain('Secure');
  });

  it('when TLS or a proxy is configured, then the cookie is Secure', async () => {
    expect((await request(appSetting(true)).get('/')).headers['set-cookie']?.[0]).toContain('Secure');
  });

  it('when the Cookie header holds several cookies, then the session cookie is found by exact name', async () => {
    const response = await request(appSetting(false)).get('/read').set('Cookie', 'other=1; xmedledger_session=bad; medledger_session=good; z=2');

    expect(response.body).toEqual({ value: 'good' });
  });
});
