import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskCredentials } from '../credential-patterns';

/** Headers that say something useful and nothing secret; everything else never reaches a log. */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'accept'];

/** A request as Node and Express give it (originalUrl: the URL before a router trimmed its mount path). */
type LoggedRequest = Partial<Pick<IncomingMessage, 'method' | 'url' | 'headers'>> & { id?: unknown; originalUrl?: string; socket?: { remoteAddress?: string } };

/** The request as logged: method, path without query string (a query may hold a credential), safe headers. */
export function requestSerializer(req: LoggedRequest): Record<string, unknown> {
  const headers = Object.fromEntries(LOGGED_HEADERS.filter((name) => req.headers?.[name] !== undefined).map((name) => [name, req.headers?.[name]]));
  return { id: req.id, method: req.method, path: pathOnly(req.originalUrl ?? req.url), headers, remoteAddress: req.socket?.remoteAddress };
}

export function responseSerializer(res: { statusCode?: number; raw?: ServerResponse }): Record<string, unknown> {
  return { statusCode: res.statusCode };
}

/** No query string (it may hold personal data or a credential) and no key-like text in the path. */
function pathOnly(url: string | undefined): string | undefined {
  const path = url?.split('?')[0];
  return path === undefined ? undefined : maskCredentials(path);
}
