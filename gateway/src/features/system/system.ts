import { z } from 'zod';
import { DOCS_CSP, docsPage } from '../../api/docs-page';
import type { RestMetrics } from '../../api/metrics';
import type { OpenApiDocument } from '../../api/openapi';
import { defineOperation, type Operation } from '../../api/operation';

/** The API's own description and its metrics, defined through the same framework so they are documented too. */
export function systemOperations(document: () => OpenApiDocument, metrics: RestMetrics): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'Documentation',
      access: 'public',
      response: { status: 200, description: 'The OpenAPI document', schema: z.object({ openapi: z.string() }).loose() },
      handle() {
        return document();
      },
    }),
    defineOperation({
      method: 'get',
      path: '/docs',
      operationId: 'getDocsPage',
      summary: 'This API as a browsable, self-contained HTML page',
      tag: 'Documentation',
      access: 'public',
      response: { status: 200, description: 'The HTML page', schema: z.string(), contentType: 'text/html' },
      handle({ res }) {
        res.set('Content-Security-Policy', DOCS_CSP);
        return docsPage(document());
      },
    }),
    defineOperation({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics: REST request durations, ledger call durations and errors',
      description: 'Needs the `admin` scope: scrape with an admin’s personal access token (bearer) limited to that purpose.',
      tag: 'Operations',
      access: { scope: 'admin' },
      callers: 'admin',
      response: { status: 200, description: 'Prometheus text exposition format', schema: z.string(), contentType: 'text/plain; version=0.0.4' },
      async handle() {
        return metrics.text();
      },
    }),
  ];
}
