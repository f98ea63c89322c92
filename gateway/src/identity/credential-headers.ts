import type { Request } from 'express';
import { Problem } from '../api/errors/problems';

export type PresentedCredential = { kind: 'api-key'; value: string } | { kind: 'token'; value: string } | { kind: 'none' };

/**
 * The one credential a request carries in its headers: `Authorization: ApiKey <key>`,
 * `X-API-Key: <key>` or `Authorization: Bearer <token>`. Two different ones, or an unknown
 * Authorization scheme, are refused rather than guessed between.
 */
export function presentedCredential(req: Request): PresentedCredential {
  const fromAuthorization = authorizationCredential(req.get('authorization'));
  const headerKey = req.get('x-api-key');
  if (headerKey === undefined) return fromAuthorization;
  if (fromAuthorization.kind !== 'none' && !(fromAuthorization.kind === 'api-key' && fromAuthorization.value === headerKey)) {
    throw new Problem('UNAUTHENTICATED', 'send one credential: X-API-Key or Authorization, not both');
  }
  return { kind: 'api-key', value: headerKey.trim() };
}

/** `Authorization: ApiKey <key>` or `Bearer <token>`, exactly one value; any other shape is refused. */
function authorizationCredential(authorization: string | undefined): PresentedCredential {
  if (authorization === undefined) return { kind: 'none' };
  const [scheme = '', value = '', ...rest] = authorization.trim().split(/\s+/);
  if (rest.length > 0 || value === '' || !/^(apikey|bearer)$/i.test(scheme)) {
    throw new Problem('UNAUTHENTICATED', 'Authorization must be "Bearer <token>" or "ApiKey <key>"');
  }
  return { kind: /^apikey$/i.test(scheme) ? 'api-key' : 'token', value };
}
