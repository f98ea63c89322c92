import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { Problem } from './errors/problems';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Requests allowed per client address (config.ts: MEDLEDGER_*RATE_LIMIT_* variables). */
export interface RateLimitSettings {
  generalPerMinute: number;
  loginPerMinute: number;
  credentialPerHour: number;
}

export interface RateLimits {
  /** Every request, per client address. */
  general: RequestHandler;
  /** SAML login start and assertion consumer: each one costs an IdP round trip or a signature check. */
  login: RequestHandler;
  /** Creating personal access tokens and API keys. */
  credentials: RequestHandler;
}

/** In-memory limits per client address (behind a proxy, MEDLEDGER_TRUST_PROXY makes the address the client's). */
export function createRateLimits(limits: RateLimitSettings): RateLimits {
  return {
    general: limiter(MINUTE, limits.generalPerMinute),
    login: limiter(MINUTE, limits.loginPerMinute),
    credentials: limiter(HOUR, limits.credentialPerHour),
  };
}

function limiter(windowMs: number, limit: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(new Problem('RATE_LIMITED', `at most ${limit} requests per ${windowMs / MINUTE} minutes; retry later`));
    },
  });
}
