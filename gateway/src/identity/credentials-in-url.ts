import type { RequestHandler } from 'express';
import { Problem } from '../api/errors/problems';
import { CREDENTIAL_IN_TEXT } from '../platform/credential-patterns';

/** Query parameters named like a credential are refused whatever their value. */
const CREDENTIAL_PARAMETERS = new Set(['api_key', 'apikey', 'api-key', 'x-api-key', 'access_token', 'token', 'session']);

/**
 * URLs end up in logs, browser history and proxies, so a credential in one is refused with 401 and
 * never used; the access log strips the query string and masks key-like text in the path.
 */
export function refuseCredentialsInUrl(): RequestHandler {
  return (req, _res, next) => {
    const url = decodeSafely(req.originalUrl);
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const namedLikeCredential = [...query.keys()].some((name) => CREDENTIAL_PARAMETERS.has(name.toLowerCase()));
    if (namedLikeCredential || new RegExp(CREDENTIAL_IN_TEXT.source).test(url)) {
      throw new Problem('UNAUTHENTICATED', 'credentials are accepted only in headers (Authorization or X-API-Key), never in the URL; revoke a key that was sent in a URL');
    }
    next();
  };
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
