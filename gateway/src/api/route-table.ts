import type { Express, Router } from 'express';

/** One route the app answers: an upper-case method and the full Express path, mount paths joined ("/files/:fileId"). */
export interface AppRoute {
  method: string;
  path: string;
}

interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  /** router 2.x: the path the layer was mounted at (app.use(path, ...)); '/' without one. */
  rawPath?: unknown;
  /** A mounted router has its own stack. */
  handle?: { stack?: unknown };
}

/**
 * Every route the whole app answers: its own routes and those of every router mounted with
 * app.use(path, router), however deep, with the mount paths joined. Read from the app's router
 * stack itself, so nothing is kept by hand: the route audit compares it with the OpenAPI document
 * and the 405 answer (method-not-allowed.ts) takes its Allow header from it.
 */
export function appRoutes(app: Express): AppRoute[] {
  return routesUnder('', app.router);
}

function routesUnder(prefix: string, router: Router): AppRoute[] {
  return (router.stack as RouteLayer[]).flatMap((layer) => {
    if (layer.route !== undefined) {
      const route = layer.route;
      // A regular-expression path cannot match a document path, so it is reported, never skipped.
      const path = joinPaths(prefix, String(route.path));
      return Object.keys(route.methods)
        .filter((method) => route.methods[method] === true && method !== '_all')
        .map((method) => ({ method: method.toUpperCase(), path }));
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
