import type { Clock } from '../platform/clock';
import { CodedError } from '../platform/coded-error';
import { hmacSha256 } from '../platform/hashing';

/**
 * Idempotency-Key on creations (draft-ietf-httpapi-idempotency-key-header). A client that retries
 * a creation with the same key and the same body gets the first answer (same status and body,
 * header `Idempotent-Replayed: true`) and no second object is created.
 *
 * - Only creations honour the key (api/operation.ts honoursIdempotency): reads, checks and state
 *   changes ignore it and are decided again on every call.
 * - A replay is never served from the store alone: the caller's reconfirm step (the creation's
 *   read-back on the ledger, as the caller) runs first, and its refusal is the answer.
 * - Keys are per principal: two callers may use the same key independently.
 * - The same key with a different method, path or body: 422 IDEMPOTENCY_KEY_REUSED.
 * - A duplicate that arrives while the first is still running: 409 IDEMPOTENCY_IN_PROGRESS with
 *   Retry-After (it does not wait); the client retries and then gets the stored answer.
 * - Only successes (2xx) are stored. A refusal or failure releases the key, so the client may fix
 *   the request and retry with the same key (nothing was created).
 * - Records expire after 24 hours; the key may then be used again.
 * - The stored request hash is an HMAC-SHA256 under a key derived from the master key
 *   ('idempotency-request-hash'): bodies can hold clinical text, and a plain hash of a short or
 *   guessable body could be confirmed by anyone who reads the database.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Visible ASCII, 1-255 characters (a UUID is typical). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyRecord {
  principalId: string;
  key: string;
  requestHash: string;
  status: 'in-progress' | 'completed';
  responseStatus?: number;
  responseBody?: string;
  createdAt: number;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

/** claim() must be atomic: of concurrent claims of one (principal, key), across gateways, exactly one wins. */
export interface IdempotencyStore {
  claim(principalId: string, key: string, requestHash: string, now: number, expiredBefore: number): Promise<IdempotencyClaim>;
  complete(principalId: string, key: string, responseStatus: number, responseBody: string): Promise<void>;
  release(principalId: string, key: string): Promise<void>;
  purgeExpired(before: number): Promise<number>;
}

export const IDEMPOTENCY_ERROR_CODES = ['IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'] as const;
export type IdempotencyErrorCode = (typeof IDEMPOTENCY_ERROR_CODES)[number];

/** Carries its code only; the error catalog (api/errors/catalog.ts) gives its status. */
export class IdempotencyError extends CodedError<IdempotencyErrorCode> {}

export interface Outcome {
  status: number;
  body: unknown;
}

export interface IdempotentCall {
  principalId: string;
  /** The header's value, if the client sent one. */
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

export class Idempotency {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    /** deriveKey(masterKey, 'idempotency-request-hash'). */
    private readonly hashKey: Uint8Array,
  ) {}

  /**
   * Runs `work` once per (principal, key). A matching retry gets the stored outcome only after
   * `reconfirm(stored)` resolves; if it throws, that error is the answer and the record is kept.
   */
  async run(call: IdempotentCall, work: () => Promise<Outcome>, reconfirm: (stored: Outcome) => Promise<void>): Promise<Outcome & { replayed: boolean }> {
    if (call.key === undefined) {
      return { ...(await work()), replayed: false };
    }
    if (!IDEMPOTENCY_KEY_PATTERN.test(call.key)) {
      throw new IdempotencyError('IDEMPOTENCY_KEY_INVALID', `${IDEMPOTENCY_HEADER} must be 1-255 visible ASCII characters`);
    }
    const requestHash = requestHashOf(this.hashKey, call);
    const now = this.clock().getTime();
    const claim = await this.store.claim(call.principalId, call.key, requestHash, now, now - IDEMPOTENCY_TTL_MS);
    if (!claim.claimed) {
      const stored = replay(claim.existing, requestHash);
      await reconfirm(stored);
      return { ...stored, replayed: true };
    }
    let outcome: Outcome;
    try {
      outcome = await work();
    } catch (error) {
      await this.store.release(call.principalId, call.key);
      throw error;
    }
    if (outcome.status >= 200 && outcome.status < 300) {
      await this.store.complete(call.principalId, call.key, outcome.status, JSON.stringify(outcome.body ?? null));
    } else {
      await this.store.release(call.principalId, call.key);
    }
    return { ...outcome, replayed: false };
  }
}

/** HMAC-SHA256 (hex) of the canonical method, path and body. */
export function requestHashOf(hashKey: Uint8Array, call: Pick<IdempotentCall, 'method' | 'path' | 'body'>): string {
  return hmacSha256(hashKey, canonicalJson({ method: call.method, path: call.path, body: call.body ?? null })).toString('hex');
}

function replay(existing: IdempotencyRecord, requestHash: string): Outcome {
  if (existing.requestHash !== requestHash) {
    throw new IdempotencyError('IDEMPOTENCY_KEY_REUSED', `this ${IDEMPOTENCY_HEADER} was used for a different request; use a new key`);
  }
  if (existing.status !== 'completed' || existing.responseStatus === undefined || existing.responseBody === undefined) {
    throw new IdempotencyError('IDEMPOTENCY_IN_PROGRESS', `a request with this ${IDEMPOTENCY_HEADER} is still running; retry shortly`);
  }
  return { status: existing.responseStatus, body: JSON.parse(existing.responseBody) as unknown };
}

/** JSON with object keys sorted at every level, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  // what JSON.stringify turns into undefined, whatever its type says
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? 'null' : JSON.stringify(value);
}
