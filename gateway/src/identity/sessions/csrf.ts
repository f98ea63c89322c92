import type { Request } from 'express';
import { secretsEqual } from '../../platform/hashing';
import { Problem } from '../../api/errors/problems';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer token: a state-changing request authenticated by the session cookie must echo the
 * session's CSRF token in X-CSRF-Token (GET /auth/csrf returns it). Bearer tokens and API keys are
 * not sent automatically by browsers, so those requests are exempt.
 */
export function requireCsrfToken(req: Request, expected: string): void {
  if (SAFE_METHODS.has(req.method)) {
    return;
  }
  const supplied = req.get(CSRF_HEADER);
  if (supplied === undefined || !secretsEqual(supplied, expected)) {
    throw new Problem('CSRF_FAILED', 'send the token from GET /auth/csrf in the X-CSRF-Token header');
  }
}
