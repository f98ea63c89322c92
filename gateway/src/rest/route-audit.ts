import type { Router } from 'express';
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

/** Routes the router answers that the OpenAPI document does not describe (must be none). */
export function undocumentedRoutes(router: Router, document: OpenApiDocument): string[] {
  const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${expressPath(path)}`)));
  return routesOf(router).filter((route) => !documented.has(route));
}
