import { Router } from 'express';
import request from 'supertest';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import { DEV_IDP_MOUNT, SAML_MOUNT } from '../wiring/sso';
import type { OpenApiDocument } from '../api/openapi';
import { routesOfApp, undocumentedAppRoutes } from '../api/route-audit';

/**
 * Routes the whole app may answer without being in /openapi.json: browser flows, not an API.
 * Every entry must still be mounted (a stale entry fails the last test), so the list cannot
 * silently grow.
 */
const NOT_API = new Set([
  // SAML 2.0 service provider: metadata for the IdP, the redirect to it, the assertion consumer
  // service and single logout. Browsers and IdPs call these with SAML payloads, not JSON clients.
  `GET ${SAML_MOUNT}/metadata`,
  `GET ${SAML_MOUNT}/login`,
  `POST ${SAML_MOUNT}/acs`,
  `GET ${SAML_MOUNT}/logout`,
  `POST ${SAML_MOUNT}/logout`,
  // The development IdP (MEDLEDGER_DEV_IDP only): HTML sign-in pages and their assets.
  `GET ${DEV_IDP_MOUNT}/metadata`,
  `GET ${DEV_IDP_MOUNT}/assets/auto-post.js`,
  `GET ${DEV_IDP_MOUNT}/assets/dev-idp.css`,
  `GET ${DEV_IDP_MOUNT}/sso`,
  `POST ${DEV_IDP_MOUNT}/sso/respond`,
  `GET ${DEV_IDP_MOUNT}/slo`,
]);

describe('the whole app is in the OpenAPI document', () => {
  let gateway: TestGateway;
  let document: OpenApiDocument;

  beforeAll(async () => {
    gateway = createTestGateway({ sso: true });
    document = (await request(gateway.app).get('/openapi.json')).body as OpenApiDocument;
  });

  afterAll(() => gateway.close());

  it('when every route of createApp (REST operations, /files, /me, /auth, /admin, probes) is compared with /openapi.json, then none is missing except the commented browser-flow allow-list', () => {
    const routes = routesOfApp(gateway.app);

    expect(undocumentedAppRoutes(gateway.app, document, NOT_API)).toEqual([]);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /files', 'GET /files/:fileId/content', 'POST /patients/:patientId/erasure', 'GET /me', 'POST /me/tokens', 'POST /auth/logout', 'DELETE /admin/api-keys/:keyId', 'GET /livez']),
    );
  });

  it('when a router with an undocumented route is mounted under a path, then the audit names it with the full path', () => {
    const app = createTestGateway().app;
    const sneaky = Router();
    sneaky.get('/:fileId/raw-export', (_req, res) => {
      res.json({});
    });
    app.use('/files', sneaky);

    expect(undocumentedAppRoutes(app, document, NOT_API)).toEqual(['GET /files/:fileId/raw-export']);
  });

  it('when the allow-list is compared with the mounted routes, then every entry is mounted (no stale entries)', () => {
    const routes = new Set(routesOfApp(gateway.app));

    expect([...NOT_API].filter((route) => !routes.has(route))).toEqual([]);
  });

  it('when the files routes are read in the document, then uploads take octet-stream or multipart bodies and the download answers binary content of any media type (the version’s own)', () => {
    const upload = document.paths['/files']?.post;
    const download = document.paths['/files/{fileId}/content']?.get;

    expect(Object.keys((upload?.requestBody as { content: object }).content).sort()).toEqual(['application/octet-stream', 'multipart/form-data']);
    expect((upload?.parameters as { name: string; in: string }[]).filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['X-Patient-Id', 'X-Category', 'X-File-Name']),
    );
    expect(upload?.parameters).not.toContainEqual(expect.objectContaining({ name: 'Idempotency-Key' }));
    expect(download?.responses['200']).toMatchObject({ content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } });
    expect(document.paths['/auth/logout']?.post?.security).toEqual([{ sessionCookie: [] }]);
  });
});
