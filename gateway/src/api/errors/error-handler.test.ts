import express from 'express';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { z } from 'zod';
import { PrincipalError } from '../../identity/principals/principal-error';
import { LEDGER_FAILURE_CODES, LedgerError, type LedgerFailureCode } from '../../ledger/ledger-port';
import { LedgerResponseInvalidError } from '../../ledger/transaction-results';
import { createLogger } from '../../platform/logging/logger';
import { httpLogger } from '../../platform/logging/http-logger';
import { LogCapture } from '../../test-support/log-capture';
import { errorHandler } from './error-handler';
import { notFound } from '../not-found';
import type { ProblemBody } from './problem-body';
import { Problem } from './problems';
import { parseWith } from '../validate';

/** The parsed problem+json of a response (supertest types its body as any). */
const problemOf = (response: { body: unknown }) => response.body as ProblemBody & { errors?: { path: string }[] };

function appThrowing(logs = new LogCapture()) {
  const app = express();
  app.use(httpLogger(createLogger('info', logs)));
  app.use(express.json({ limit: 64 }));
  app.get('/problem', () => {
    throw new Problem('CONFLICT', 'already done');
  });
  app.get('/crash', () => Promise.reject(new Error('database password is hunter2 at /srv/secret/path')));
  app.get('/consent', () => Promise.reject(new LedgerError('CONSENT_REQUIRED', 'chaincode response 500, CONSENT_REQUIRED: doctor doc-1 has no view grant on lab of pat-1', { txId: 'tx-1' })));
  app.get('/network', () => Promise.reject(new LedgerError('NETWORK_UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.7:7051')));
  app.get('/ledger/:code', (req) => Promise.reject(new LedgerError(req.params.code as LedgerFailureCode, `transaction tx-42 failed at 10.0.0.7:7051`, { txId: 'tx-42' })));
  app.get('/file-input', () => Promise.reject(Object.assign(new Error('FILE_INVALID_INPUT: patient ID is malformed'), { code: 'FILE_INVALID_INPUT', httpStatus: 422 })));
  app.get('/file-vault', () => Promise.reject(Object.assign(new Error('KEY_VAULT_FAILED: /var/keys/vault.bin is corrupt'), { code: 'KEY_VAULT_FAILED', httpStatus: 500 })));
  app.get('/principal', () => Promise.reject(new PrincipalError('NOT_FOUND', 'no principal prn_1')));
  app.get('/principal-problem', () => Promise.reject(new Problem('NOT_FOUND', 'no principal prn_1')));
  app.get('/ledger-answer', () => Promise.reject(new LedgerResponseInvalidError('Stakeholder:get', 'role: Invalid option')));
  app.post('/echo', (req, res) => {
    res.json(parseWith(z.object({ name: z.string().min(2) }).strict(), req.body));
  });
  app.post('/form', express.urlencoded({ extended: false }), (req, res) => {
    res.json(req.body);
  });
  app.get('/things/:thingId', (req, res) => {
    res.json(req.params);
  });
  app.use(notFound(), errorHandler());
  return app;
}

describe('error middleware', () => {
  it('when a route throws a Problem, then the answer is RFC 9457 problem+json with type, title, status, code, detail and instance', async () => {
    const response = await request(appThrowing()).get('/problem').set('X-Request-Id', 'req-12345678');

    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'urn:medledger:problem:conflict',
      title: 'The request conflicts with the current state',
      status: 409,
      code: 'CONFLICT',
      detail: 'already done',
      instance: 'req-12345678',
    });
  });

  it('when a route fails unexpectedly, then the client gets a bare 500 and the log gets the stack', async () => {
    const logs = new LogCapture();

    const response = await request(appThrowing(logs)).get('/crash');

    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'INTERNAL', status: 500 });
    expect(response.text).not.toMatch(/hunter2|secret|at \/|stack|Error:/);
    const logged = logs.entries().find((entry) => entry.level === 50) as { err?: { stack?: string } } | undefined;
    expect(logged?.err?.stack).toContain('database password');
  });

  it('when the chaincode refuses, then its catalog code and status are kept and the detail is the chaincode text after the code', async () => {
    const response = await request(appThrowing()).get('/consent');

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'CONSENT_REQUIRED', detail: 'doctor doc-1 has no view grant on lab of pat-1', txId: 'tx-1', type: 'urn:medledger:problem:consent-required' });
  });

  it('when the ledger network is down, then 503 NETWORK_UNAVAILABLE without the internal address', async () => {
    const response = await request(appThrowing()).get('/network');

    expect(response.status).toBe(503);
    expect(problemOf(response).code).toBe('NETWORK_UNAVAILABLE');
    expect(response.text).not.toContain('10.0.0.7');
  });

  it.each([
    ['READ_CONFLICT', 409],
    ['COMMIT_REJECTED', 502],
    ['ENDORSEMENT_FAILED', 502],
    ['ENDORSER_UNAVAILABLE', 503],
    ['ORDERING_FAILED', 502],
    ['NETWORK_UNAVAILABLE', 503],
    ['TIMEOUT', 504],
    ['COMMIT_STATUS_UNKNOWN', 504],
  ] as const)('when a route fails with LedgerError %s, then the answer is problem+json %s with that code and the txId, and no internal detail', async (code, status) => {
    const response = await request(appThrowing()).get(`/ledger/${code}`);

    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: `urn:medledger:problem:${code.toLowerCase().replace(/_/g, '-')}`, status, code, txId: 'tx-42' });
    expect(response.text).not.toContain('10.0.0.7');
  });

  it('when any ledger failure reaches the middleware, then its status is the one its code maps to, and only a read conflict tells the client to retry', async () => {
    const app = appThrowing();
    const answers: Record<string, [number, boolean]> = {};
    for (const code of LEDGER_FAILURE_CODES) {
      const response = await request(app).get(`/ledger/${code}`);
      answers[code] = [response.status, /\bretry\b/i.test(problemOf(response).title)];
    }

    expect(answers).toEqual({
      NETWORK_UNAVAILABLE: [503, false],
      TIMEOUT: [504, false],
      COMMIT_STATUS_UNKNOWN: [504, false],
      ENDORSEMENT_FAILED: [502, false],
      ENDORSER_UNAVAILABLE: [503, false],
      ORDERING_FAILED: [502, false],
      READ_CONFLICT: [409, true],
      COMMIT_REJECTED: [502, false],
      ENROLLMENT_FAILED: [502, false],
      IDENTITY_REVOKED: [403, false],
    });
  });

  it('when another module throws its own cataloged 4xx error, then its code, status and message are kept', async () => {
    const response = await request(appThrowing()).get('/file-input');

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'FILE_INVALID_INPUT', detail: 'patient ID is malformed' });
  });

  it('when another module throws its own cataloged 5xx error, then only its code is shown', async () => {
    const response = await request(appThrowing()).get('/file-vault');

    expect(response.status).toBe(500);
    expect(problemOf(response).code).toBe('KEY_VAULT_FAILED');
    expect(response.text).not.toContain('/var/keys');
  });

  it('when a domain module refuses with a gateway code (PrincipalError), then the client gets what a Problem with that code gives', async () => {
    const app = appThrowing();

    const domain = await request(app).get('/principal').set('X-Request-Id', 'req-00000001');
    const problem = await request(app).get('/principal-problem').set('X-Request-Id', 'req-00000001');

    expect([domain.status, domain.headers['content-type']]).toEqual([problem.status, problem.headers['content-type']]);
    expect(domain.body).toEqual(problem.body);
    expect(domain.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'No such resource', detail: 'no principal prn_1' });
  });

  it('when problems are sent, then their members keep the order each kind always had (the README shows a refusal’s)', async () => {
    const app = appThrowing();

    const refusal = await request(app).get('/consent').set('X-Request-Id', 'req-00000002');
    const problem = await request(app).get('/problem').set('X-Request-Id', 'req-00000002');

    expect(Object.keys(JSON.parse(refusal.text) as object)).toEqual(['type', 'status', 'code', 'title', 'detail', 'txId', 'instance']);
    expect(Object.keys(JSON.parse(problem.text) as object)).toEqual(['type', 'title', 'status', 'code', 'detail', 'instance']);
  });

  it('when the ledger answers outside the contract surface, then 502 LEDGER_RESPONSE_INVALID with its code only', async () => {
    const response = await request(appThrowing()).get('/ledger-answer');

    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: 'LEDGER_RESPONSE_INVALID', type: 'urn:medledger:problem:ledger-response-invalid' });
    expect(response.body).not.toHaveProperty('detail');
    expect(response.text).not.toContain('Stakeholder:get');
  });

  it('when the body is too large, then 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await request(appThrowing()).post('/echo').send({ name: 'x'.repeat(200) });

    expect(response.status).toBe(413);
    expect(problemOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when the body is not JSON, then 400 MALFORMED_REQUEST', async () => {
    const response = await request(appThrowing()).post('/echo').set('content-type', 'application/json').send('{"name":');

    expect(response.status).toBe(400);
    expect(problemOf(response).code).toBe('MALFORMED_REQUEST');
  });

  it('when the body fails its schema, then 422 VALIDATION_FAILED lists each bad field', async () => {
    const response = await request(appThrowing()).post('/echo').send({ name: 'x', extra: true });

    expect(response.status).toBe(422);
    expect(problemOf(response).code).toBe('VALIDATION_FAILED');
    expect(problemOf(response).errors?.map((error) => error.path).sort()).toEqual(['', 'name']);
  });

  describe('when a body does not decode with its Content-Encoding', () => {
    it.each(['gzip', 'br', 'deflate'])('when the body claims %s but is plain JSON, then 400 CONTENT_ENCODING_INVALID and no stack in the log', async (coding) => {
      const logs = new LogCapture();

      const response = await request(appThrowing(logs)).post('/echo').set('Content-Type', 'application/json').set('Content-Encoding', coding).send('{"name":"Ada"}');

      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'CONTENT_ENCODING_INVALID', status: 400 });
      expect(logs.entries().filter((entry) => (entry as { level: number }).level >= 50)).toEqual([]);
    });

    it.each([
      ['gzip', (body: Buffer) => gzipSync(body)],
      ['br', (body: Buffer) => brotliCompressSync(body)],
      ['deflate', (body: Buffer) => deflateSync(body)],
    ])('when the body really is %s, then it is decoded and parsed as before', async (coding, compress) => {
      const response = await request(appThrowing())
        .post('/echo')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', coding)
        // superagent would JSON-encode a Buffer under a JSON content type; send the bytes as they are.
        .serialize((body: Buffer) => body as unknown as string)
        .send(compress(Buffer.from('{"name":"Ada"}')));

      expect([response.status, response.body]).toEqual([200, { name: 'Ada' }]);
    });

    it('when a form body claims gzip but is not, then 400 CONTENT_ENCODING_INVALID too (every body parser, not only JSON)', async () => {
      const response = await request(appThrowing()).post('/form').set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send('a=1');

      expect([response.status, problemOf(response).code]).toEqual([400, 'CONTENT_ENCODING_INVALID']);
    });

    it('when the coding is one body-parser does not know, then 415 UNSUPPORTED_CONTENT_ENCODING with Accept-Encoding', async () => {
      const response = await request(appThrowing()).post('/echo').set('Content-Type', 'application/json').set('Content-Encoding', 'x-rot13').send('{"name":"Ada"}');

      expect([response.status, problemOf(response).code]).toEqual([415, 'UNSUPPORTED_CONTENT_ENCODING']);
      expect(response.headers['accept-encoding']).toBe('gzip, deflate, br, identity');
    });
  });

  it.each(['%C0%AF', '%80', '%FF', '%ED%A0%80', '%E0%80', '%'])('when a path parameter is not percent-encoded UTF-8 (%s), then 400 MALFORMED_PATH and no stack in the log', async (segment) => {
    const logs = new LogCapture();

    const response = await request(appThrowing(logs)).get(`/things/${segment}`);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'MALFORMED_PATH', status: 400 });
    expect(logs.entries().filter((entry) => (entry as { level: number }).level >= 50)).toEqual([]);
  });

  it('when a route of ours throws a URIError without a status, then it stays a logged 500 (a bug, not the client’s path)', async () => {
    const app = express();
    app.get('/decode', () => {
      decodeURIComponent('%');
    });
    app.use(errorHandler());

    const response = await request(app).get('/decode');

    expect([response.status, problemOf(response).code]).toEqual([500, 'INTERNAL']);
  });
});
