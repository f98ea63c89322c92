import express, { type Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler } from './errors/error-handler';
import { httpLogger } from '../platform/logging/http-logger';
import { createLogger } from '../platform/logging/logger';
import { LogCapture } from '../test-support/log-capture';
import { useTestGateway } from '../test-support/test-gateway';
import { anyOf, containing } from '../test-support/response-body';
import { defineOperation } from './operation';
import { HEADERS_TOO_LARGE, type OpenApiDocument } from './openapi';
import { createRestApi, type RestApiDependencies } from '../wiring/rest-api';
import { undocumentedRoutes } from './route-audit';
import { isFhirPath } from '../fhir/fhir-media';

/** The router behind the gateway's request logger and error middleware, as app.ts mounts it. */
function appAround(router: Router, logs: LogCapture): express.Express {
  const app = express();
  app.use(httpLogger(createLogger('info', logs)), router, errorHandler());
  return app;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(refsIn);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (key === '$ref' && typeof item === 'string' ? [item] : refsIn(item)));
  }
  return [];
}

const misbehaving = defineOperation({
  method: 'get',
  path: '/test/misbehaving',
  operationId: 'misbehaving',
  summary: 'Answers outside its schema',
  tag: 'Test',
  access: 'public',
  response: { status: 200, description: 'never valid', schema: z.object({ id: z.string(), count: z.number().int() }) },
  handle() {
    return { id: 42 } as unknown as { id: string; count: number };
  },
});

describe('the OpenAPI document and the routes come from the same definitions', () => {
  const gateway = useTestGateway();

  const restApi = (overrides: Partial<RestApiDependencies> = {}) =>
    createRestApi({ config: gateway.config, services: gateway.services, logger: createLogger('info', new LogCapture()), ...overrides });

  it('when /openapi.json is fetched, then it is a structurally valid OpenAPI 3.1 document with security schemes and problem+json errors', async () => {
    const response = await request(gateway.app).get('/openapi.json');
    const document = response.body as OpenApiDocument;
    const components = document.components as { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; in?: string }> };

    expect(response.status).toBe(200);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: anyOf(String), version: anyOf(String) });
    expect(Object.keys(components.securitySchemes).sort()).toEqual(['apiKey', 'bearerToken', 'sessionCookie']);
    expect(components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(components.schemas.Problem).toBeDefined();
    expect(components.schemas.OperationOutcome).toBeDefined();
    const operationIds: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      expect(path).toMatch(/^\//);
      const operations = Object.entries(item);
      expect(operations.length).toBeGreaterThan(0);
      for (const [method, operation] of operations) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        operationIds.push(operation.operationId);
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => /^2\d\d$/.test(status))).toBe(true);
        // under /fhir a problem is an OperationOutcome (api/errors/error-handler.ts)
        const problemContent = isFhirPath(path)
          ? { 'application/fhir+json': { schema: { $ref: '#/components/schemas/OperationOutcome' } } }
          : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
        for (const status of statuses.filter((code) => Number(code) >= 400 && Number(code) !== HEADERS_TOO_LARGE)) {
          expect(operation.responses[status]).toMatchObject({ content: problemContent });
        }
        // Node's HTTP server answers an oversized request head itself, before any middleware, without a body.
        expect(operation.responses[String(HEADERS_TOO_LARGE)]).toEqual({ description: containing('16 KiB') });
        const declared = ((operation.parameters ?? []) as { name: string; in: string }[]).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
        expect(declared.sort()).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort());
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const ref of refsIn(document)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(components.schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  });

  it('when the mounted router is compared with the document, then every route is documented', () => {
    const api = restApi();

    expect(undocumentedRoutes(api.router, api.document())).toEqual([]);
    expect(api.operations.length).toBeGreaterThanOrEqual(25);
  });

  it('when a route is added to the router outside the framework, then the audit names it (so the check above would fail)', () => {
    const api = restApi();
    const sneaky: Router = api.router;
    sneaky.get('/patients/:patientId/secret-export', (_req, res) => {
      res.json({});
    });

    expect(undocumentedRoutes(sneaky, api.document())).toEqual(['GET /patients/:patientId/secret-export']);
  });

  it('when a handler answers outside its response schema, then development mode refuses it with 500 problem+json RESPONSE_INVALID', async () => {
    const logs = new LogCapture();
    const api = restApi({ extraOperations: [misbehaving] });

    const response = await request(appAround(api.router, logs)).get('/test/misbehaving');

    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'RESPONSE_INVALID' });
    expect(JSON.stringify(logs.entries())).toContain('misbehaving answered outside its schema');
  });

  it('when a handler answers outside its response schema in production mode, then it is logged and sent', async () => {
    const logs = new LogCapture();
    const api = restApi({ extraOperations: [misbehaving], responseValidation: 'log' });

    const response = await request(appAround(api.router, logs)).get('/test/misbehaving');

    expect(response.status).toBe(200);
    expect(JSON.stringify(logs.entries())).toContain('response does not match its schema');
  });

  it('when /docs is opened, then it is a self-contained HTML page listing every operation, loading nothing from elsewhere', async () => {
    const response = await request(gateway.app).get('/docs');
    const document = (await request(gateway.app).get('/openapi.json')).body as OpenApiDocument;

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.text).not.toMatch(/<script|<link|src=/i);
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        expect(response.text).toContain(`id="${operation.operationId}"`);
      }
    }
  });
});
