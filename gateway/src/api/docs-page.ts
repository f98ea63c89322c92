import type { OpenApiDocument, OpenApiOperation } from './openapi';

/** CSP of the docs page: nothing loads from anywhere; only its own inline style applies. */
export const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const SCHEME_NAMES: Record<string, string> = { bearerToken: 'bearer token', apiKey: 'API key', sessionCookie: 'session cookie' };
const escape = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const json = (value: unknown): string => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

/** A self-contained HTML page listing every operation of the document with its parameters and schemas (no scripts, no CDN). */
export function docsPage(document: OpenApiDocument): string {
  const info = document.info as { title: string; version: string; description: string };
  const sections = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => operationSection(method, path, operation)),
  );
  const toc = Object.entries(document.paths)
    .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => `<li><a href="#${escape(operation.operationId)}"><code>${method.toUpperCase()} ${escape(path)}</code></a> ${escape(operation.summary)}</li>`))
    .join('\n');
  const components = (document.components ?? {}) as Record<string, unknown>;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)} ${escape(info.version)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
section{border-top:1px solid #ccc;padding:.5rem 0}
code,pre{font-family:ui-monospace,monospace}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:24rem}
.m{display:inline-block;min-width:4.5rem;font-weight:bold}
.get{color:#0a6}.post{color:#06c}.delete{color:#c30}.put,.patch{color:#a60}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
details{margin:.3rem 0}
</style></head><body>
<h1>${escape(info.title)} <small>${escape(info.version)}</small></h1>
<p>${escape(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI ${escape(document.openapi)}).</p>
<h2>Operations</h2><ul>${toc}</ul>
${sections.join('\n')}
<h2>Components</h2>
<details><summary>Schemas and security schemes</summary>${json(components)}</details>
</body></html>`;
}

function operationSection(method: string, path: string, operation: OpenApiOperation): string {
  const parameters = (operation.parameters ?? []) as { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  const rows = parameters
    .map((parameter) => `<tr><td><code>${escape(parameter.name)}</code></td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td><td>${escape(parameter.description ?? '')}<code>${escape(JSON.stringify(parameter.schema))}</code></td></tr>`)
    .join('');
  const body = operation.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
  const responses = Object.entries(operation.responses)
    .map(([status, response]) => {
      const { description, content } = response as { description: string; content?: Record<string, { schema: unknown }> };
      const schemas = Object.entries(content ?? {}).map(([type, media]) => `<div><code>${escape(type)}</code>${json(media.schema)}</div>`);
      return `<details><summary><b>${status}</b> ${escape(description)}</summary>${schemas.join('')}</details>`;
    })
    .join('');
  const schemes = ((operation.security ?? []) as Record<string, unknown>[]).flatMap((requirement) => Object.keys(requirement));
  const security = schemes.length === 0 ? 'none (public)' : schemes.map((scheme) => SCHEME_NAMES[scheme] ?? scheme).join(', ');
  const bodies = Object.entries(body?.content ?? {}).map(([type, media]) => `<div><code>${escape(type)}</code>${json(media.schema ?? {})}</div>`);
  return `<section id="${escape(operation.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span><code>${escape(path)}</code></h3>
<p><b>${escape(operation.summary)}</b></p>
<pre>${escape(operation.description)}</pre>
<p>Authentication: ${security}</p>
${rows === '' ? '' : `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>${rows}</table>`}
${bodies.length === 0 ? '' : `<h4>Request body</h4>${bodies.join('')}`}
<h4>Responses</h4>${responses}
</section>`;
}
