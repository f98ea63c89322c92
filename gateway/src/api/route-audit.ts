import type { Express, Router } from 'express';
import { appRoutes, routerRoutes, type AppRoute } from './route-table';
import type { OpenApiDocument } from './openapi';
import { expressPath } from './operation';

const label = (route: AppRoute): string => `${route.method} ${route.path}`;

/** "GET /consents/:grantId" for every route registered on the router (and the routers mounted in it). */
export function routesOf(router: Router): string[] {
  return routerRoutes(router).map(label);
}

/** "GET /files/:fileId" for every route the whole app answers, mounted routers included (api/route-table.ts). */
export function routesOfApp(app: Express): string[] {
  return appRoutes(app).map(label);
}

function documentedRoutes(document: OpenApiDocument): Set<string> {
  return new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${expressPath(path)}`)));
}

/** Routes the document does not describe. */
function unaccounted(routes: readonly AppRoute[], document: OpenApiDocument, allowed: ReadonlySet<string>): string[] {
  const documented = documentedRoutes(document);
  return [...new Set(routes.map(label))].filter((route) => !documented.has(route) && !allowed.has(route));
}

/** Routes the router answers that the OpenAPI document does not describe (must be none). */
export function undocumentedRoutes(router: Router, document: OpenApiDocument): string[] {
  return unaccounted(routerRoutes(router), document, new Set());
}

/** Routes the whole app answers that the document does not describe, except those `allowed` (exact "METHOD /path" strings). */
export function undocumentedAppRoutes(app: Express, document: OpenApiDocument, allowed: ReadonlySet<string> = new Set()): string[] {
  return unaccounted(appRoutes(app), document, allowed);
}
