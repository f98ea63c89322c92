import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Actors, as, type Actor } from '../acceptance/test-support/actors';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import { errorHandler } from './errors/error-handler';
import { methodNotAllowed } from './method-not-allowed';
import { notFound } from './not-found';
import { codeOf } from '../test-support/response-body';

const PROBLEM_JSON = /^application\/problem\+json/;

/** Error-level log entries: an unknown error is logged at 50 with its stack. */
function errorsLogged(gateway: TestGateway): unknown[] {
  return gateway.logs.entries().filter((entry) => (entry as { level: number }).level >= 50);
}

describe('malformed requests to the whole app are 4xx problems, never 500', () => {
  let dataDir: string;
  let gateway: TestGateway;
  let patient: Actor;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'medledger-malformed-'));
    gateway = createTestGateway({ environment: { MEDLEDGER_DATA_DIR: dataDir } });
    patient = await new Actors(gateway).person('patient');
  });

  afterAll(async () => {
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('a body that does not match its Content-Encoding', () => {
    it.each(['gzip', 'br', 'deflate'])('when POST /consents claims %s without credentials, then 400 CONTENT_ENCODING_INVALID (the issue’s curl)', async (coding) => {
      const response = await request(gateway.app).post('/consents').set('Content-Type', 'application/json').set('Content-Encoding', coding).send('{"a":1}');

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ code: 'CONTENT_ENCODING_INVALID', status: 400 });
    });

    it('when a JSON upload to /files claims gzip but is not, then 400 CONTENT_ENCODING_INVALID', async () => {
      const response = await as(gateway, patient).post('/files').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"a":1}');

      expect([response.status, codeOf(response)]).toEqual([400, 'CONTENT_ENCODING_INVALID']);
    });

    it.each([
      ['a raw body', 'text/plain', 'gzip'],
      ['a raw body', 'application/pdf', 'br'],
      ['a multipart body', 'multipart/form-data; boundary=x', 'deflate'],
      ['a raw body', 'application/octet-stream', 'x-unknown'],
    ])('when an upload of %s (%s) claims Content-Encoding %s, then 415 UNSUPPORTED_CONTENT_ENCODING with Accept-Encoding: identity, before anything is stored', async (_form, contentType, coding) => {
      const response = await as(gateway, patient)
        .post('/files')
        .set('Content-Type', contentType)
        .set('Content-Encoding', coding)
        .set('X-Patient-Id', patient.principal.stakeholderId)
        .set('X-Category', 'lab')
        .set('X-File-Name', 'scan.pdf')
        .send('not what it claims');

      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(codeOf(response)).toBe('UNSUPPORTED_CONTENT_ENCODING');
      expect(response.headers['accept-encoding']).toBe('identity');
    });

    it('when a new version is uploaded with a Content-Encoding, then 415 as well', async () => {
      const response = await as(gateway, patient).post('/files/file-000000000000000000000000/versions').set('Content-Type', 'text/plain').set('Content-Encoding', 'gzip').set('X-File-Name', 'a.txt').send('x');

      expect([response.status, codeOf(response)]).toEqual([415, 'UNSUPPORTED_CONTENT_ENCODING']);
    });
  });

  describe('a path parameter that is not percent-encoded UTF-8', () => {
    it.each(['/consents/%C0%AF', '/stakeholders/%80', '/prescriptions/%FF', '/appointments/%ED%A0%80', '/files/%80', '/me/tokens/%C0%80', '/patients/%E0%80/consents'])(
      'when %s is asked for, with or without credentials, then 400 MALFORMED_PATH and no stack in the log',
      async (path) => {
        const before = errorsLogged(gateway).length;

        const anonymous = await request(gateway.app).get(path);
        const authenticated = await as(gateway, patient).get(path);

        // Anonymous callers of routers mounted behind authenticate() are refused first (401).
        expect([400, 401]).toContain(anonymous.status);
        expect(anonymous.headers['content-type']).toMatch(PROBLEM_JSON);
        expect([authenticated.status, codeOf(authenticated)]).toEqual([400, 'MALFORMED_PATH']);
        expect(authenticated.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(errorsLogged(gateway).length).toBe(before);
      },
    );

    it('when the REST routes are asked anonymously, then the path is refused before authentication (400, not 401)', async () => {
      const response = await request(gateway.app).delete('/consents/%C0%AF');

      expect([response.status, codeOf(response)]).toEqual([400, 'MALFORMED_PATH']);
    });
  });

  describe('a method the path does not support', () => {
    it.each([
      ['/consents', 'POST'],
      ['/consents/grant-000000000000000000000000', 'DELETE, GET, HEAD'],
    ])('when TRACE %s is sent without credentials, then 405 METHOD_NOT_ALLOWED with Allow: %s', async (path, allow) => {
      const response = await request(gateway.app).trace(path);

      expect(response.status).toBe(405);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ code: 'METHOD_NOT_ALLOWED', status: 405, allow: allow.split(', ') });
      expect(response.headers.allow).toBe(allow);
    });

    it.each([
      ['put', '/livez', 'GET, HEAD'],
      ['patch', '/consents/grant-000000000000000000000000', 'DELETE, GET, HEAD'],
      ['delete', '/openapi.json', 'GET, HEAD'],
      ['get', '/patients/pat-1/access-checks', 'POST'],
      ['put', '/stakeholders/stk-1/suspension/', 'DELETE, POST'],
      ['post', '/files/file-1/content', 'GET, HEAD'],
    ] as const)('when %s %s is sent, then 405 with Allow: %s (hand-written routers and REST operations alike)', async (method, path, allow) => {
      const response = await as(gateway, patient)[method](path);

      expect([response.status, codeOf(response)]).toEqual([405, 'METHOD_NOT_ALLOWED']);
      expect(response.headers.allow).toBe(allow);
    });

    it('when HEAD is sent to a POST-only path, then 405 without a body; to a GET path, then the GET route answers', async () => {
      const postOnly = await request(gateway.app).head('/access-requests');
      const get = await request(gateway.app).head('/livez');

      expect(postOnly.status).toBe(405);
      expect(postOnly.headers.allow).toBe('POST');
      expect(get.status).toBe(200);
    });

    it('when OPTIONS is sent to a path with routes, then 204 with Allow; to a path with none, then 404', async () => {
      const known = await request(gateway.app).options('/consents/grant-1');
      const unknown = await request(gateway.app).options('/no-such-thing');

      expect([known.status, known.headers.allow]).toEqual([204, 'DELETE, GET, HEAD']);
      expect([unknown.status, codeOf(unknown)]).toEqual([404, 'NOT_FOUND']);
    });

    it('when every documented path is asked OPTIONS, then Allow lists exactly its documented methods, even where two routers serve one path', async () => {
      const document = (await request(gateway.app).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      const mismatches: string[] = [];

      for (const [template, operations] of Object.entries(document.paths)) {
        const path = template.replace(/\{[^}]+\}/g, 'x-1');
        const documented = new Set(Object.keys(operations).map((method) => method.toUpperCase()));
        if (documented.has('GET')) documented.add('HEAD');
        const allow = (await request(gateway.app).options(path)).headers.allow ?? '';
        if (allow !== [...documented].sort().join(', ')) mismatches.push(`${template}: Allow ${allow}, documented ${[...documented].sort().join(', ')}`);
      }

      expect(Object.keys(document.paths).length).toBeGreaterThan(80);
      expect(mismatches).toEqual([]);
    });

    it.each([
      ['trace', '/no-such-thing'],
      ['get', '/consents/grant-1/nothing-here'],
      ['put', '/no-such-thing'],
    ] as const)('when %s %s names a path no route answers, then it stays 404 NOT_FOUND without Allow', async (method, path) => {
      const response = await request(gateway.app)[method](path);

      expect([response.status, codeOf(response)]).toEqual([404, 'NOT_FOUND']);
      expect(response.headers.allow).toBeUndefined();
    });
  });
});

describe('methodNotAllowed on its own', () => {
  function appWith(routes: (app: express.Express) => void) {
    const app = express();
    routes(app);
    app.use(methodNotAllowed(app), notFound(), errorHandler());
    return app;
  }

  it('when a route of the method passes the request on, then 404, not a 405 that would list the method itself', async () => {
    const app = appWith((it) => {
      it.get('/things/:id', (_req, _res, next) => {
        next();
      });
    });

    const response = await request(app).get('/things/1');

    expect([response.status, codeOf(response)]).toEqual([404, 'NOT_FOUND']);
  });

  it('when routes of one path are spread over several mounted routers, then Allow lists them all', async () => {
    const app = appWith((it) => {
      const reads = express.Router();
      reads.get('/:id', (_req, res) => res.json({}));
      const writes = express.Router();
      writes.delete('/:id', (_req, res) => res.status(204).end());
      it.use('/things', reads);
      it.use('/things', writes);
    });

    const response = await request(app).put('/things/42');

    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('DELETE, GET, HEAD');
  });
});
