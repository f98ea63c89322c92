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

/**
 * Routes the document does not describe, or that were written by hand instead of made from an
 * operation's definition (api/mount.ts): every route is a definition and the document is made
 * from the definitions, so both must be none.
 */
function unaccounted(routes: readonly AppRoute[], document: OpenApiDocument): string[] {
  const documented = documentedRoutes(document);
  return [...new Set(routes.filter((route) => !route.defined || !documented.has(label(route))).map(label))];
}

/** Routes the router answers that the OpenAPI document does not describe or no definition made (must be none). */
export function undocumentedRoutes(router: Router, document: OpenApiDocument): string[] {
  return unaccounted(routerRoutes(router), document);
}

/** Routes the whole app answers that the document does not describe or no definition made (must be none). */
export function undocumentedAppRoutes(app: Express, document: OpenApiDocument): string[] {
  return unaccounted(appRoutes(app), document);
}
