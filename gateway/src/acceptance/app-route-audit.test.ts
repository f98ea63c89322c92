import { Router, type Express } from 'express';
import request from 'supertest';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import { DEV_IDP_MOUNT, SAML_MOUNT } from '../wiring/sso';
import type { OpenApiDocument } from '../api/openapi';
import { routesOfApp, undocumentedAppRoutes } from '../api/route-audit';

/**
 * The browser flows, which used to be allowed outside /openapi.json: SAML sign-in (metadata for
 * the IdP, the redirect to it, the assertion consumer service, single logout) and the development
 * IdP's pages and assets. They are operations like every other route now, so they are documented.
 */
const BROWSER_FLOWS = [
  `GET ${SAML_MOUNT}/metadata`,
  `GET ${SAML_MOUNT}/login`,
  `POST ${SAML_MOUNT}/acs`,
  `GET ${SAML_MOUNT}/logout`,
  `POST ${SAML_MOUNT}/logout`,
  `GET ${DEV_IDP_MOUNT}/metadata`,
  `GET ${DEV_IDP_MOUNT}/assets/auto-post.js`,
  `GET ${DEV_IDP_MOUNT}/assets/dev-idp.css`,
  `GET ${DEV_IDP_MOUNT}/sso`,
  `POST ${DEV_IDP_MOUNT}/sso/respond`,
  `GET ${DEV_IDP_MOUNT}/slo`,
];

/** A test gateway's app with one more route under /files, written by hand as plain Express. */
function withHandWrittenFilesRoute(path: string): Express {
  const app = createTestGateway().app;
  const handWritten = Router();
  handWritten.get(path, (_req, res) => {
    res.json({});
  });
  app.use('/files', handWritten);
  return app;
}

describe('the whole app is in the OpenAPI document', () => {
  let gateway: TestGateway;
  let document: OpenApiDocument;

  beforeAll(async () => {
    gateway = createTestGateway({ sso: true });
    document = (await request(gateway.app).get('/openapi.json')).body as OpenApiDocument;
  });

  afterAll(() => gateway.close());

  it('when every route of createApp (REST operations, /files, /me, /auth, /admin, probes, sign-in) is compared with /openapi.json, then none is missing and every one was made from a definition', () => {
    const routes = routesOfApp(gateway.app);

    expect(undocumentedAppRoutes(gateway.app, document)).toEqual([]);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /files', 'GET /files/:fileId/content', 'POST /patients/:patientId/erasure', 'GET /me', 'POST /me/tokens', 'POST /auth/logout', 'DELETE /admin/api-keys/:keyId', 'GET /livez']),
    );
  });

  it('when a router with an undocumented route is mounted under a path, then the audit names it with the full path', () => {
    const app = withHandWrittenFilesRoute('/:fileId/raw-export');

    expect(undocumentedAppRoutes(app, document)).toEqual(['GET /files/:fileId/raw-export']);
  });

  it('when a router written by hand is mounted, then the audit names its routes even where the document describes the path', () => {
    const app = withHandWrittenFilesRoute('/:fileId/content');

    expect(undocumentedAppRoutes(app, document)).toEqual(['GET /files/:fileId/content']);
  });

  it('when the browser flows are compared with the mounted routes and the document, then each is mounted and documented (no allow-list)', () => {
    const routes = new Set(routesOfApp(gateway.app));
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

    expect(BROWSER_FLOWS.filter((route) => !routes.has(route))).toEqual([]);
    expect(documented).toEqual(expect.arrayContaining(BROWSER_FLOWS));
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
