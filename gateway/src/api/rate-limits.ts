import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { Problem } from './errors/problems';
import type { RateLimitCounters } from './rate-limit-counters';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The limits (config.ts: MEDLEDGER_*RATE_LIMIT_* variables). */
export interface RateLimitSettings {
  /** Unauthenticated requests per client address per minute. */
  generalPerMinute: number;
  /** Authenticated requests per principal per minute, wherever they come from. */
  principalPerMinute: number;
  loginPerMinute: number;
  credentialPerHour: number;
}

export interface RateLimits {
  /**
   * Every request, per client address, but a request that authenticated is taken back when it
   * ends: the address limit is for anonymous callers and for failed credentials. A hospital system
   * calling for many principals from one address is limited per principal instead; only requests
   * still in flight count against its address.
   */
  general: RequestHandler;
  /** Every authenticated operation, per principal (after authenticate()). */
  principal: RequestHandler;
  /** SAML login start and assertion consumer, per address: each costs an IdP round trip or a signature check. */
  login: RequestHandler;
  /** Creating personal access tokens and API keys, per principal. */
  credentials: RequestHandler;
}

/**
 * The limits over shared counters (rate-limit-counters.ts), so every gateway on one database
 * counts the same hits. Behind a proxy, MEDLEDGER_TRUST_PROXY makes the address the client's.
 */
export function createRateLimits(limits: RateLimitSettings, counters: RateLimitCounters): RateLimits {
  const byAddress = (req: Request) => `address:${ipKeyGenerator(req.ip ?? 'unknown')}`;
  const byPrincipal = (req: Request) => `principal:${req.principal?.id ?? 'none'}`;
  return {
    general: limiter({ name: 'general', windowMs: MINUTE, limit: limits.generalPerMinute, key: byAddress, counters, takeBackWhen: (req) => req.principal !== undefined }),
    principal: limiter({ name: 'principal', windowMs: MINUTE, limit: limits.principalPerMinute, key: byPrincipal, counters }),
    login: limiter({ name: 'login', windowMs: MINUTE, limit: limits.loginPerMinute, key: byAddress, counters }),
    credentials: limiter({ name: 'credentials', windowMs: HOUR, limit: limits.credentialPerHour, key: byPrincipal, counters }),
  };
}

interface LimiterSettings {
  name: string;
  windowMs: number;
  limit: number;
  key: (req: Request) => string;
  counters: RateLimitCounters;
  /** A request this says yes to when it ends is no longer counted. */
  takeBackWhen?: (req: Request) => boolean;
}

/**
 * One fixed-window limit over the shared counters, answering with the IETF draft-7 headers
 * (RateLimit: limit, remaining, reset; RateLimit-Policy) and, once over, 429 RATE_LIMITED with
 * Retry-After. Written here rather than with express-rate-limit, whose per-request work (several
 * awaits, validations, a store adapter) was a sixth of the gateway's own CPU per call (issue 13).
 */
function limiter({ name, windowMs, limit, key, counters, takeBackWhen }: LimiterSettings): RequestHandler {
  const policy = `${limit};w=${Math.ceil(windowMs / 1000)}`;
  return (req, res, next) => {
    const counted = `${name}:${key(req)}`;
    counters.hit(counted, windowMs, Date.now()).then(({ count, resetAt }) => {
      const resetSeconds = Math.max(0, Math.ceil((resetAt - Date.now()) / 1000));
      if (!res.headersSent) {
        res.setHeader('RateLimit-Policy', policy);
        res.setHeader('RateLimit', `limit=${limit}, remaining=${Math.max(limit - count, 0)}, reset=${resetSeconds}`);
      }
      if (takeBackWhen !== undefined) {
        res.once('finish', () => {
          if (takeBackWhen(req)) {
            // the request is answered; a failed take-back only leaves the hit counted
            counters.unhit(counted, windowMs, Date.now()).catch((error: unknown) => {
              req.log.warn({ err: error, limit: name }, 'rate limit: taking a hit back failed');
            });
          }
        });
      }
      if (count > limit) {
        res.setHeader('Retry-After', String(resetSeconds));
        next(new Problem('RATE_LIMITED', `at most ${limit} requests per ${windowMs / MINUTE} minutes; retry later`));
        return;
      }
      next();
    }, next);
  };
}
