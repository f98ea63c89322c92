import type { Express, Router } from 'express';
import type { OpenApiDocument } from './openapi';
import { expressPath } from './operation';

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  /** router 2.x: the path the layer was mounted at (app.use(path, ...)); '/' without one. */
  rawPath?: unknown;
  /** A mounted router has its own stack. */
  handle?: { stack?: unknown };
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

/**
 * "GET /files/:fileId" for every route the whole app answers: its own routes and those of every
 * router mounted with app.use(path, router), however deep, with the mount paths joined.
 */
export function routesOfApp(app: Express): string[] {
  return routesUnder('', app.router);
}

function routesUnder(prefix: string, router: Router): string[] {
  return (router.stack as RouteLayer[]).flatMap((layer) => {
    if (layer.route !== undefined) {
      const route = layer.route;
      // A regular-expression path cannot match a document path, so it is reported, never skipped.
      const path = joinPaths(prefix, String(route.path));
      return Object.keys(route.methods)
        .filter((method) => route.methods[method] === true && method !== '_all')
        .map((method) => `${method.toUpperCase()} ${path}`);
    }
    if (Array.isArray(layer.handle?.stack)) {
      const mounts: unknown[] = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? '/'];
      return mounts.flatMap((mount) => routesUnder(joinPaths(prefix, String(mount)), layer.handle as unknown as Router));
    }
    return [];
  });
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
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
