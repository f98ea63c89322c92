import type { Express, Router } from 'express';

/** One route the app answers: an upper-case method and the full Express path, mount paths joined ("/files/:fileId"). */
export interface AppRoute {
  method: string;
  path: string;
  /** Made by mountOperations from an operation's definition (api/mount.ts), not written by hand. */
  defined: boolean;
}

interface ExpressRoute {
  path: unknown;
  methods: Record<string, boolean>;
}

interface RouteLayer {
  route?: ExpressRoute;
  /** router 2.x: the path the layer was mounted at (app.use(path, ...)); '/' without one. */
  rawPath?: unknown;
  /** A mounted router has its own stack. */
  handle?: { stack?: unknown };
}

/** The routes mountOperations made from operations' definitions (api/mount.ts): the route audit accepts no other. */
const definedRoutes = new WeakSet();

export function markDefinedRoute(route: object): void {
  definedRoutes.add(route);
}

/**
 * Every route the whole app answers: its own routes and those of every router mounted with
 * app.use(path, router), however deep, with the mount paths joined. Read from the app's router
 * stack itself, so nothing is kept by hand: the route audit compares it with the OpenAPI document
 * and the 405 answer (method-not-allowed.ts) takes its Allow header from it.
 */
export function appRoutes(app: Express): AppRoute[] {
  return routerRoutes(app.router);
}

/** Every route of a router, with those of the routers mounted in it. */
export function routerRoutes(router: Router): AppRoute[] {
  return routesUnder('', router);
}

function routesUnder(prefix: string, router: Router): AppRoute[] {
  return (router.stack as RouteLayer[]).flatMap((layer) => {
    if (layer.route !== undefined) {
      const route = layer.route;
      // A regular-expression path cannot match a document path, so it is reported, never skipped.
      return methodsOf(route).map((method) => ({ method, path: joinPaths(prefix, String(route.path)), defined: definedRoutes.has(route) }));
    }
    if (Array.isArray(layer.handle?.stack)) {
      const mounts: unknown[] = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? '/'];
      return mounts.flatMap((mount) => routesUnder(joinPaths(prefix, String(mount)), layer.handle as unknown as Router));
    }
    return [];
  });
}

function methodsOf(route: ExpressRoute): string[] {
  return Object.keys(route.methods)
    .filter((method) => route.methods[method] === true && method !== '_all')
    .map((method) => method.toUpperCase());
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
