import request from 'supertest';
import { LogCapture } from '../../test-support/log-capture';
import type { DestinationStream } from 'pino';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferedOutput, createLogger, LOG_BUFFER } from './logger';
import { signIn, useTestGateway } from '../../test-support/test-gateway';

describe('request logging', () => {
  const gateway = useTestGateway();

  it('when a request carries a well-formed X-Request-Id, then it is echoed and logged', async () => {
    const response = await request(gateway.app).get('/livez').set('X-Request-Id', 'client-req-0001');

    expect(response.headers['x-request-id']).toBe('client-req-0001');
    expect(gateway.logs.entries().some((entry) => (entry.req as { id?: string } | undefined)?.id === 'client-req-0001')).toBe(true);
  });

  it('when a request carries a malformed X-Request-Id, then a fresh UUID replaces it', async () => {
    const response = await request(gateway.app).get('/livez').set('X-Request-Id', 'bad id {"forged-log-line":true}');

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(gateway.logs.text()).not.toContain('forged-log-line');
  });

  it('when a request has no X-Request-Id, then one is generated and used as the problem instance', async () => {
    const response = await request(gateway.app).get('/nope');

    expect((response.body as { instance?: string }).instance).toBe(response.headers['x-request-id']);
  });

  it('when requests carry an Authorization header, an API key, a cookie and a CSRF token, then none of them appears in the logs', async () => {
    const secrets = { bearer: 'mlpat_thisIsNotARealTokenButLooksLikeOne1234567890abc', apiKey: 'mlk_aaaaaaaaaaaaaaaa_SecretPartThatMustNeverBeLogged', cookieValue: 'cookie-secret-value-0123456789' };
    const user = await signIn(gateway);

    await request(gateway.app).get('/me').set('Authorization', `Bearer ${secrets.bearer}`);
    await request(gateway.app).get('/me').set('X-API-Key', secrets.apiKey);
    await request(gateway.app).get('/me').set('Cookie', `medledger_session=${secrets.cookieValue}`);
    await request(gateway.app).post('/auth/logout').set('Cookie', user.cookie).set('X-CSRF-Token', user.csrfToken);

    const logged = gateway.logs.text();
    expect(gateway.logs.lines.length).toBeGreaterThanOrEqual(4);
    for (const secret of [...Object.values(secrets), user.cookie.split('=')[1] ?? 'x', user.csrfToken]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toMatch(/authorization|cookie|x-api-key/i);
  });

  it('when a SAML payload or key material is logged by hand, then redaction masks it', () => {
    const capture = new LogCapture();

    createLogger('info', capture).info({ body: { SAMLResponse: 'PHNhbWw+' }, saml: { SAMLRequest: 'PD94bWw=' }, privateKey: '-----BEGIN PRIVATE KEY-----', headers: { authorization: 'Bearer x' } }, 'oops');

    const logged = capture.text();
    expect(logged).toContain('oops');
    expect(logged).not.toContain('PD94bWw=');
    expect(logged).not.toContain('PHNhbWw+');
    expect(logged).not.toContain('BEGIN PRIVATE KEY');
    expect(logged).not.toContain('Bearer x');
  });

  it('when clinical fields are logged by hand, at the top level, nested, in a body or in an error cause, then none of their values appears', () => {
    const capture = new LogCapture();
    const values = {
      reason: 'clin-reason-unconscious',
      items: 'clin-items-insulin',
      fileName: 'clin-file-hiv-test.pdf',
      description: 'clin-description-biopsy',
      details: 'clin-details-oncology',
      purpose: 'clin-purpose-psychiatry',
      transient: 'clin-transient-map',
      SAMLResponse: 'clin-saml-response',
      SAMLRequest: 'clin-saml-request',
    };
    const prefixed = (prefix: string) => Object.fromEntries(Object.entries(values).map(([field, value]) => [field, `${prefix}-${value}`]));
    const cause = Object.assign(new Error('ledger refused'), prefixed('cause'));
    const error = Object.assign(new Error('request failed', { cause }), prefixed('err'), { body: '{"reason":"raw-body-text"}' });

    createLogger('info', capture).info(
      {
        ...prefixed('top'),
        consent: prefixed('one'),
        grant: { scope: prefixed('two') },
        req: { method: 'POST', body: prefixed('req-body') },
        res: { body: prefixed('res-body') },
        response: { body: prefixed('any-body') },
        err: error,
      },
      'clinical fields',
    );

    const logged = capture.text();
    expect(logged).toContain('clinical fields');
    expect(logged).toContain('request failed');
    for (const value of Object.values(values)) {
      for (const prefix of ['one', 'two', 'req-body', 'res-body', 'any-body', 'err', 'cause', 'top']) {
        expect(logged).not.toContain(`${prefix}-${value}`);
      }
    }
    expect(logged).not.toContain('raw-body-text');
  });

  it('when a request has a query string, then the access log records the path only', async () => {
    await request(gateway.app).get('/livez?patient=pat-1234567890&diagnosis=flu');

    const access = gateway.logs.entries().find((entry) => entry.msg === 'request completed') as { req: { path: string } };
    expect(access.req.path).toBe('/livez');
    expect(gateway.logs.text()).not.toContain('diagnosis');
  });
});

describe('the gateway log output', () => {
  it('when a few lines are logged, then none is written at once, and all of them are within the flush interval', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'medledger-log-'));
    const file = join(directory, 'gateway.log');
    const output = bufferedOutput(openSync(file, 'a')) as DestinationStream & { end(): void };
    try {
      const logger = createLogger('info', output);
      for (const line of ['one', 'two', 'three']) logger.info(line);

      expect(readFileSync(file, 'utf8')).toBe('');
      await new Promise((resolve) => setTimeout(resolve, LOG_BUFFER.flushMs * 2));
      expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['one', 'two', 'three']);
    } finally {
      // flushes, stops the periodic flush and closes the file
      output.end();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
