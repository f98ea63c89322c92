import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { Problem } from './errors/problems';
import { errorHandler } from './errors/error-handler';
import { httpLogger } from '../platform/logging/http-logger';
import { createLogger } from '../platform/logging/logger';
import { operationsRouter } from './mount';
import { openApiDocument } from './openapi';
import { defineOperation, defineRedirect, defineStream, type Operation } from './operation';

/** The kinds of operation besides JSON: what each one does at run time and says in the document. */

const caller: RequestHandler = (req, _res, next) => {
  const method = req.get('X-Test-Auth');
  if (method === undefined) {
    throw new Problem('UNAUTHENTICATED');
  }
  req.principal = { id: 'prn_test', kind: 'person', role: req.get('X-Test-Role') === 'admin' ? 'admin' : 'patient', stakeholderId: 'pat-test00001', mspId: 'ProvidersMSP', displayName: 'T', createdAt: '' };
  req.auth = { method: method as 'session' | 'token', scopes: ['read'], stepUp: { fresh: false, windowMs: 300_000 }, stillValid: () => Promise.resolve(true) };
  next();
};

const stream = defineStream({
  method: 'get',
  path: '/kinds/stream/{n}',
  operationId: 'kindStream',
  summary: 'Writes its own response',
  tag: 'Test',
  access: 'public',
  params: z.object({ n: z.coerce.number().int().max(3) }),
  headers: z.object({ 'X-Count': z.string().regex(/^\d$/).optional() }),
  response: { status: 200, description: 'Lines', schema: z.string(), contentType: 'text/plain' },
  otherResponses: [{ status: 400, description: 'A page of its own', schema: z.string(), contentType: 'text/html' }],
  handle({ params, headers, res }) {
    if (params.n === 0) {
      throw new Problem('NOT_FOUND', 'nothing to stream');
    }
    res.status(200).type('text/plain');
    res.end(`${params.n}:${headers['X-Count'] ?? '-'}`);
  },
});

const redirect = defineRedirect({
  method: 'get',
  path: '/kinds/redirect',
  operationId: 'kindRedirect',
  summary: 'Sends the browser on',
  tag: 'Test',
  access: 'public',
  message: { in: 'query', schema: z.object({ to: z.string().optional().describe('Where to') }) },
  response: { status: 303, description: 'Onwards' },
  handle({ req }) {
    return typeof req.query.to === 'string' ? req.query.to : '/';
  },
});

const form = defineStream({
  method: 'post',
  path: '/kinds/form',
  operationId: 'kindForm',
  summary: 'Reads a protocol form by its own rules',
  tag: 'Test',
  access: 'public',
  message: { in: 'form', schema: z.object({ SAMLResponse: z.string() }), maxBytes: 64 },
  response: { status: 200, description: 'Echo', schema: z.unknown() },
  handle({ req, res }) {
    res.json({ form: req.body as unknown });
  },
});

const sessionOnly = defineOperation({
  method: 'post',
  path: '/kinds/session-only',
  operationId: 'kindSessionOnly',
  summary: 'Browser sessions only, rate limited',
  tag: 'Test',
  access: { role: 'admin', sessionOnly: true },
  rateLimit: 'credentials',
  response: { status: 204, description: 'Done', schema: z.undefined() },
  handle() {
    return undefined;
  },
});

const page = defineStream({
  method: 'post',
  path: '/kinds/page',
  operationId: 'kindPage',
  summary: 'A page for a form of optional fields, with a bad-request page of its own',
  tag: 'Test',
  access: 'public',
  message: { in: 'form', schema: z.object({ name: z.string().optional() }) },
  response: { status: 200, description: 'The page', schema: z.string(), contentType: 'text/html' },
  otherResponses: [{ status: 400, description: 'Its own page for a bad request', schema: z.string(), contentType: 'text/html' }],
  handle({ res }) {
    res.type('html').send('<p>ok</p>');
  },
});

const OPERATIONS: Operation[] = [stream, redirect, form, sessionOnly, page];

/** A problem+json answer's members these tests read. */
const problemOf = (response: request.Response) => response.body as { code?: string; errors?: unknown[] };

function appOf(limited: string[] = []) {
  const app = express();
  app.use(httpLogger(createLogger('silent')));
  const credentials: RequestHandler = (req, _res, next) => {
    limited.push(req.path);
    next();
  };
  app.use(operationsRouter(OPERATIONS, { authenticated: caller, rateLimits: { credentials } }), errorHandler());
  return app;
}

describe('operations whose answer is not JSON the framework sends', () => {
  it('when a stream operation is called, then its handler writes the answer, with its path and headers validated first', async () => {
    const app = appOf();

    const written = await request(app).get('/kinds/stream/2').set('X-Count', '7');
    const badHeader = await request(app).get('/kinds/stream/2').set('X-Count', 'many');
    const refused = await request(app).get('/kinds/stream/0');

    expect([written.status, written.text]).toEqual([200, '2:7']);
    expect([badHeader.status, problemOf(badHeader).code, problemOf(badHeader).errors]).toEqual([422, 'VALIDATION_FAILED', [expect.objectContaining({ path: 'X-Count' })]]);
    expect([refused.status, problemOf(refused).code]).toEqual([404, 'NOT_FOUND']);
  });

  it('when a redirect operation is called, then the framework sends the browser to the handler’s Location, never cached', async () => {
    const response = await request(appOf()).get('/kinds/redirect?to=%2Fme');

    expect([response.status, response.headers.location, response.headers['cache-control']]).toEqual([303, '/me', 'no-store']);
  });

  it('when a protocol form is posted, then it is parsed for the handler and never refused with 422 by the framework; past maxBytes it is 413', async () => {
    const app = appOf();

    const repeated = await request(app).post('/kinds/form').type('form').send('SAMLResponse=a&SAMLResponse=b');
    const tooLarge = await request(app).post('/kinds/form').type('form').send(`SAMLResponse=${'a'.repeat(100)}`);

    expect([repeated.status, repeated.body]).toEqual([200, { form: { SAMLResponse: ['a', 'b'] } }]);
    expect([tooLarge.status, problemOf(tooLarge).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('when access names a role and a session, then they are checked in order after authentication, with the rate limit between scope and session', async () => {
    const limited: string[] = [];
    const app = appOf(limited);

    const anonymous = await request(app).post('/kinds/session-only');
    const notAdmin = await request(app).post('/kinds/session-only').set('X-Test-Auth', 'session');
    const token = await request(app).post('/kinds/session-only').set('X-Test-Auth', 'token').set('X-Test-Role', 'admin');
    const session = await request(app).post('/kinds/session-only').set('X-Test-Auth', 'session').set('X-Test-Role', 'admin');

    expect([anonymous.status, notAdmin.status, token.status, session.status]).toEqual([401, 403, 403, 204]);
    expect(limited).toEqual(['/kinds/session-only', '/kinds/session-only']);
  });

  it('when the document is generated, then each kind says what it answers: streamed content and other pages, a Location, a form, session-only security', () => {
    const document = openApiDocument(OPERATIONS, { title: 't', version: '1', description: 'd' });
    const operation = (path: string, method: string) => {
      const found = document.paths[path]?.[method];
      if (found === undefined) throw new Error(`${method} ${path} is not documented`);
      return found;
    };
    const streamed = operation('/kinds/stream/{n}', 'get');
    const redirected = operation('/kinds/redirect', 'get');
    const posted = operation('/kinds/form', 'post');

    expect(streamed.responses['200']).toEqual({ description: 'Lines', content: { 'text/plain': { schema: { type: 'string' } } } });
    expect(streamed.responses['400']).toEqual({ description: 'A page of its own', content: { 'text/html': { schema: { type: 'string' } } } });
    expect(streamed.parameters).toContainEqual(expect.objectContaining({ name: 'X-Count', in: 'header', required: false }));
    expect(redirected.responses['303']).toMatchObject({ description: 'Onwards', headers: { Location: { required: true, schema: { type: 'string' } } } });
    expect(redirected.parameters).toEqual([expect.objectContaining({ name: 'to', in: 'query', required: false, description: 'Where to' })]);
    expect(Object.keys((posted.requestBody as { content: object }).content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(posted.responses)).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
    expect(operation('/kinds/session-only', 'post').security).toEqual([{ sessionCookie: [] }]);
  });

  it('when a form has only optional fields, then its body is optional; when a page answers a status a problem can too, then both are documented', () => {
    const document = openApiDocument(OPERATIONS, { title: 't', version: '1', description: 'd' });
    const required = (path: string) => (document.paths[path]?.post?.requestBody as { required: boolean } | undefined)?.required;
    const badRequest = document.paths['/kinds/page']?.post?.responses['400'] as { description: string; content: object } | undefined;

    expect([required('/kinds/form'), required('/kinds/page')]).toEqual([true, false]);
    expect(badRequest?.description).toBe('Its own page for a bad request');
    expect(Object.keys(badRequest?.content ?? {}).sort()).toEqual(['application/problem+json', 'text/html']);
  });
});
