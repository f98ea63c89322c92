import type { RequestHandler } from 'express';

/** Responses carry personal data and credentials: no cache, proxy or browser may keep them. */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
