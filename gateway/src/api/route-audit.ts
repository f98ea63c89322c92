import type { Express, Router } from 'express';
import { appRoutes } from './route-table';
import type { OpenApiDocument } from './openapi';
import { expressPath } from './operation';

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** "GET /consents/:grantId" for every route registered on the router. */
export function routesOf(router: Router): string[] {
  return (router.stack as RouteLayer[]).flatMap((layer) => {
    const route = layer.route;
    if (route === undefined || typeof route.path !== 'string') {
      return [];
    }
    const path = route.path;
    return Object.keys(route.methods)
      .filter((method) => route.methods[method] === true && method !== '_all')
      .map((method) => `${method.toUpperCase()} ${path}`);
  });
}

/** "GET /files/:fileId" for every route the whole app answers, mounted routers included (api/route-table.ts). */
export function routesOfApp(app: Express): string[] {
  return appRoutes(app).map((route) => `${route.method} ${route.path}`);
}

function documentedRoutes(document: OpenApiDocument): Set<string> {
  return new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${expressPath(path)}`)));
}

/** Routes the router answers that the OpenAPI document does not describe (must be none). */
export function undocumentedRoutes(router: Router, document: OpenApiDocument): string[] {
  const documented = documentedRoutes(document);
  return routesOf(router).filter((route) => !documented.has(route));
}

/** Routes the whole app answers that the document does not describe, except those `allowed` (exact "METHOD /path" strings). */
export function undocumentedAppRoutes(app: Express, document: OpenApiDocument, allowed: ReadonlySet<string> = new Set()): string[] {
  const documented = documentedRoutes(document);
  return [...new Set(routesOfApp(app))].filter((route) => !documented.has(route) && !allowed.has(route));
}
