import type { Request } from 'express';
import { Problem } from '../api/errors/problems';

export type PresentedCredential = { kind: 'api-key'; value: string } | { kind: 'token'; value: string } | { kind: 'none' };

/**
 * The one credential a request carries in its headers: `Authorization: ApiKey <key>`,
 * `X-API-Key: <key>` or `Authorization: Bearer <token>`. Two different ones, or an unknown
 * Authorization scheme, are refused rather than guessed between.
 */
export function presentedCredential(req: Request): PresentedCredential {
  const authorization = req.get('authorization');
  const headerKey = req.get('x-api-key');
  const [scheme = '', value = '', ...rest] = (authorization ?? '').trim().split(/\s+/);
  if (authorization !== undefined && (rest.length > 0 || value === '' || !/^(apikey|bearer)$/i.test(scheme))) {
    throw new Problem('UNAUTHENTICATED', 'Authorization must be "Bearer <token>" or "ApiKey <key>"');
  }
  const fromAuthorization: PresentedCredential = authorization === undefined ? { kind: 'none' } : { kind: /^apikey$/i.test(scheme) ? 'api-key' : 'token', value };
  if (headerKey !== undefined && fromAuthorization.kind !== 'none' && !(fromAuthorization.kind === 'api-key' && fromAuthorization.value === headerKey)) {
    throw new Problem('UNAUTHENTICATED', 'send one credential: X-API-Key or Authorization, not both');
  }
  return headerKey === undefined ? fromAuthorization : { kind: 'api-key', value: headerKey.trim() };
}
