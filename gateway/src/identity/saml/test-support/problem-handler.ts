import type { ErrorRequestHandler } from 'express';
import { CATALOG } from '../../../api/errors/catalog';
import { Problem } from '../../../api/errors/problems';

/**
 * Renders a Problem the way the gateway's one error middleware does, so these tests need only the
 * SAML router. Everything else stays a plain 500 here.
 */
export function testProblemHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (!(error instanceof Problem)) {
      next(error);
      return;
    }
    const body = { type: CATALOG[error.code].type, title: CATALOG[error.code].title, status: error.status, code: error.code, detail: error.detail };
    res.status(error.status).type('application/problem+json').send(JSON.stringify(body));
  };
}
