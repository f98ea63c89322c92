import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type Store } from 'express-rate-limit';
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

function limiter({ name, windowMs, limit, key, counters, takeBackWhen }: LimiterSettings): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    // draft-7 (RateLimit: limit, remaining, reset): draft-8's partition key costs a SHA-256 per request and limiter (issue 13)
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: key,
    store: new SharedCounterStore(name, counters),
    ...(takeBackWhen === undefined ? {} : { skipSuccessfulRequests: true, requestWasSuccessful: takeBackWhen }),
    handler: (_req, _res, next) => {
      next(new Problem('RATE_LIMITED', `at most ${limit} requests per ${windowMs / MINUTE} minutes; retry later`));
    },
  });
}

/** express-rate-limit's Store over RateLimitCounters; `name` keeps each limiter's keys apart. */
class SharedCounterStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  #windowMs = MINUTE;

  constructor(
    name: string,
    private readonly counters: RateLimitCounters,
  ) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<{ totalHits: number; resetTime: Date }> {
    const { count, resetAt } = await this.counters.hit(this.prefix + key, this.#windowMs, Date.now());
    return { totalHits: count, resetTime: new Date(resetAt) };
  }

  decrement(key: string): Promise<void> {
    return this.counters.unhit(this.prefix + key, this.#windowMs, Date.now());
  }

  /** Windows end by themselves; nothing here resets a key early. */
  resetKey(): void {
    // express-rate-limit calls this only on request (limiter.resetKey); the gateway never does.
  }
}
