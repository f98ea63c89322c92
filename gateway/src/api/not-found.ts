import type { RequestHandler } from 'express';
import { Problem } from './errors/problems';

/** The last route: anything no router answered is a 404 problem. */
export function notFound(): RequestHandler {
  return (req) => {
    throw new Problem('NOT_FOUND', `no route for ${req.method} ${req.path}`);
  };
}
