import type { Express, RequestHandler } from 'express';
import { match } from 'path-to-regexp';
import { Problem } from './errors/problems';
import { appRoutes, type AppRoute } from './route-table';

/** One route path of the app and the methods its routes answer there. */
interface PathMethods {
  matches: (path: string) => boolean;
  methods: ReadonlySet<string>;
}

/**
 * Mounted just before notFound(): a request no router answered, on a path that some route does
 * answer for other methods, is 405 METHOD_NOT_ALLOWED with an Allow header (RFC 9110 §15.5.6),
 * not 404. The methods come from the app's own route table (route-table.ts), read once at the
 * first unanswered request, when every router is mounted; a path no route answers stays 404.
 * Allow lists what the router itself answers: the routes' methods, HEAD wherever GET is (Express
 * answers HEAD with the GET route), as in the router's automatic OPTIONS answer.
 */
export function methodNotAllowed(app: Express): RequestHandler {
  const allowedAt = allowedMethodsOf(app);
  return (req, res, next) => {
    const allowed = allowedAt(req.path);
    if (allowed.length === 0 || allowed.includes(req.method)) {
      // No route at this path, or one that passed the request on: the 404 is notFound()'s.
      next();
      return;
    }
    res.set('Allow', allowed.join(', '));
    throw new Problem('METHOD_NOT_ALLOWED', `${req.method} is not supported on this path; it answers ${allowed.join(', ')}`, { allow: allowed });
  };
}

/**
 * Mounted before the routers: OPTIONS answers 204 with every method the app answers at the path.
 * The router's automatic answer would list only the methods of the first router that matched, and
 * one path can be served by two (GET /files/{id}/amendments is a REST operation, POST an upload).
 */
export function answerOptions(app: Express): RequestHandler {
  const allowedAt = allowedMethodsOf(app);
  return (req, res, next) => {
    const allowed = req.method === 'OPTIONS' ? allowedAt(req.path) : [];
    if (allowed.length === 0) {
      next();
      return;
    }
    res.set('Allow', allowed.join(', ')).status(204).end();
  };
}

/** The methods the app answers at a path, from its route table, read at the first request (when every router is mounted). */
function allowedMethodsOf(app: Express): (path: string) => string[] {
  let table: readonly PathMethods[] | undefined;
  return (path) => {
    table ??= pathTable(appRoutes(app));
    return allowedMethods(table, path);
  };
}

function allowedMethods(table: readonly PathMethods[], path: string): string[] {
  const methods = new Set(table.filter((entry) => entry.matches(path)).flatMap((entry) => [...entry.methods]));
  if (methods.has('GET')) {
    methods.add('HEAD');
  }
  return [...methods].sort();
}

function pathTable(routes: readonly AppRoute[]): PathMethods[] {
  const byPath = new Map<string, Set<string>>();
  for (const route of routes) {
    byPath.set(route.path, (byPath.get(route.path) ?? new Set()).add(route.method));
  }
  return [...byPath].flatMap(([path, methods]) => {
    const matches = matcherOf(path);
    return matches === undefined ? [] : [{ matches, methods }];
  });
}

/**
 * The router's own matcher (path-to-regexp, case-insensitive, optional trailing slash), without
 * decoding parameters: which methods a path has does not depend on their values, and a badly
 * encoded one was already refused by the router (400 MALFORMED_PATH).
 */
function matcherOf(path: string): ((candidate: string) => boolean) | undefined {
  try {
    const matcher = match(path, { decode: false, end: true, sensitive: false, trailing: true });
    return (candidate) => matcher(candidate) !== false;
  } catch {
    // A regular-expression route (reported by the route audit as its source text) is not a
    // path-to-regexp path: such a path answers 404 for other methods instead of 405.
    return undefined;
  }
}
