import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock';
import { CodedError } from '../platform/coded-error';
import { hmacSha256 } from '../platform/hashing';
import type { PreparedTransaction, Settlement } from '../ledger/ledger-port';
import type { CallJournal } from '../ledger/ledger-calls';
import { mayHaveCommitted } from '../ledger/ledger-port';
import type { IdempotencyRecord, IdempotencyStore, KeyLease } from './idempotency-store';

/**
 * Idempotency-Key on creations (draft-ietf-httpapi-idempotency-key-header). A client that retries
 * a creation with the same key and the same body gets the first answer (same status and body,
 * header `Idempotent-Replayed: true`) and no second object is created, whatever happened to the
 * first attempt: refused, timed out, or cut off by a crash of the gateway that ran it.
 *
 * - Only creations honour the key (api/operation.ts honoursIdempotency): reads, checks and state
 *   changes ignore it and are decided again on every call.
 * - A replay is never served from the store alone: the caller's reconfirm step (the creation's
 *   read-back on the ledger, as the caller) runs first, and its refusal is the answer.
 * - Keys are per principal: two callers may use the same key independently.
 * - The same key with a different method, path or body: 422 IDEMPOTENCY_KEY_REUSED.
 * - The run holding a key has a lease (KEY_LEASE_MS), renewed while it works. A duplicate that
 *   arrives meanwhile gets 409 IDEMPOTENCY_IN_PROGRESS with Retry-After (it does not wait).
 * - The run records its ledger transaction, once endorsed and before it goes to the orderer
 *   (KeyRun). A retry that finds the lease run out (the gateway crashed, or the run ended in doubt:
 *   TIMEOUT, COMMIT_STATUS_UNKNOWN) takes the key over and settles that transaction on the ledger
 *   (LedgerClient.settle: sent again under the same ID, which commits at most once). Committed:
 *   the creation is run again with its submit answered by what committed, so the answer is the
 *   committed one and nothing new is proposed. Not committed, or nothing recorded: it runs afresh.
 * - A refusal, or a failure after which nothing can have committed, releases the key, so the
 *   client may fix the request and retry with the same key.
 * - Records expire after 24 hours; the key may then be used again.
 * - The stored request hash is an HMAC-SHA256 under a key derived from the master key
 *   ('idempotency-request-hash'): bodies can hold clinical text, and a plain hash of a short or
 *   guessable body could be confirmed by anyone who reads the database.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a run holds its key without renewing; it renews every third of it while it works. A
 * crashed gateway's keys are free again this long after its last renewal.
 */
export const KEY_LEASE_MS = 10_000;
/** Visible ASCII, 1-255 characters (a UUID is typical). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export const IDEMPOTENCY_ERROR_CODES = ['IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'] as const;
export type IdempotencyErrorCode = (typeof IDEMPOTENCY_ERROR_CODES)[number];

/** Carries its code only; the error catalog (api/errors/catalog.ts) gives its status. */
export class IdempotencyError extends CodedError<IdempotencyErrorCode> {
  /** IDEMPOTENCY_IN_PROGRESS: when a retry may find the key free (the Retry-After header). */
  retryAfterSeconds?: number;
}

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

/** What a keyed run asks of the ledger, as the caller. */
export interface CreationLedger {
  /** Evaluates the creation's read-back for a stored outcome; throws the ledger's refusal. */
  reconfirm(stored: Outcome): Promise<void>;
  /** Whether the run's recorded transaction committed (LedgerClient.settle). */
  settle(transaction: PreparedTransaction): Promise<Settlement>;
}

/** The creation itself; with a key, its ledger calls go through the journal (LedgerCalls.journaled). */
export type CreationWork = (journal: CallJournal | undefined) => Promise<Outcome>;

export class Idempotency {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    /** deriveKey(masterKey, 'idempotency-request-hash'). */
    private readonly hashKey: Uint8Array,
    private readonly leaseMs: number = KEY_LEASE_MS,
  ) {}

  /** Runs `work` once per (principal, key), as the rules above say. */
  async run(call: IdempotentCall, work: CreationWork, ledger: CreationLedger): Promise<Outcome & { replayed: boolean }> {
    if (call.key === undefined) {
      return { ...(await work(undefined)), replayed: false };
    }
    if (!IDEMPOTENCY_KEY_PATTERN.test(call.key)) {
      throw new IdempotencyError('IDEMPOTENCY_KEY_INVALID', `${IDEMPOTENCY_HEADER} must be 1-255 visible ASCII characters`);
    }
    const requestHash = requestHashOf(this.hashKey, call);
    const now = this.now();
    const lease = this.leaseFrom(now);
    const claim = await this.store.claim(call.principalId, call.key, requestHash, lease, now, now - IDEMPOTENCY_TTL_MS);
    if (claim.claimed) {
      return this.keyRun(call.principalId, call.key, lease.owner).execute(work, ledger);
    }
    const existing = claim.existing;
    if (existing.requestHash !== requestHash) {
      throw new IdempotencyError('IDEMPOTENCY_KEY_REUSED', `this ${IDEMPOTENCY_HEADER} was used for a different request; use a new key`);
    }
    if (existing.status === 'completed' && existing.responseStatus !== undefined && existing.responseBody !== undefined) {
      const stored = { status: existing.responseStatus, body: JSON.parse(existing.responseBody) as unknown };
      await ledger.reconfirm(stored);
      return { ...stored, replayed: true };
    }
    return this.resume(call.principalId, call.key, existing, work, ledger);
  }

  /** A key left in progress: still held (409), or taken over and settled on the ledger. */
  private async resume(principalId: string, key: string, existing: IdempotencyRecord, work: CreationWork, ledger: CreationLedger): Promise<Outcome & { replayed: boolean }> {
    const now = this.now();
    // a record from before leases (schema version 7) has none: it keeps answering 409 until it expires
    if (existing.leaseUntil === undefined || existing.leaseUntil > now) {
      throw inProgress(existing.leaseUntil === undefined ? 1 : existing.leaseUntil - now);
    }
    const lease = this.leaseFrom(now);
    const taken = await this.store.takeOver(principalId, key, lease, now);
    if (taken === undefined) {
      throw inProgress(this.leaseMs);
    }
    const recorded = taken.preparedTransaction === undefined ? undefined : (JSON.parse(taken.preparedTransaction) as PreparedTransaction);
    const outcome = await this.keyRun(principalId, key, lease.owner).execute(work, ledger, recorded);
    if (outcome.replayed) {
      await ledger.reconfirm(outcome);
    }
    return outcome;
  }

  private keyRun(principalId: string, key: string, owner: string): KeyRun {
    return new KeyRun(this.store, { principalId, key, owner }, this.leaseMs, () => this.now());
  }

  private leaseFrom(now: number): KeyLease {
    return { owner: randomUUID(), until: now + this.leaseMs };
  }

  private now(): number {
    return this.clock().getTime();
  }
}

/**
 * One run of a creation under a held key. It renews the lease while it works; it records each
 * transaction before it goes to the orderer (as the journal of the run's ledger calls), refusing to
 * send it once the key was taken over; and at the end it completes the record, releases it, or,
 * when what it sent may have committed, leaves it with its lease run out for the next retry to
 * settle. A run that resumes a recorded transaction settles it first: committed, the work is run
 * with its submit answered by what committed (the answer is then a replay).
 */
class KeyRun implements CallJournal {
  #sent: PreparedTransaction | undefined;
  #committed: (Settlement & { committed: true; fn: string }) | undefined;
  #committedTaken = false;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly id: { principalId: string; key: string; owner: string },
    private readonly leaseMs: number,
    private readonly now: () => number,
  ) {}

  async execute(work: CreationWork, ledger: CreationLedger, recorded?: PreparedTransaction): Promise<Outcome & { replayed: boolean }> {
    const renewal = setInterval(() => {
      // a failed renewal only shortens the hold; prepared() still refuses to send once the key is lost
      this.hold().catch(() => undefined);
    }, this.leaseMs / 3);
    renewal.unref();
    let outcome: Outcome;
    try {
      if (recorded !== undefined) {
        await this.settle(recorded, ledger);
      }
      outcome = await work(this);
    } catch (error) {
      // stopped first: a renewal landing after end() would hold a key left in doubt for another lease
      clearInterval(renewal);
      await this.end(error);
      throw error;
    }
    clearInterval(renewal);
    if (outcome.status < 200 || outcome.status >= 300) {
      await this.end(undefined);
      return { ...outcome, replayed: false };
    }
    await this.store.complete(this.id.principalId, this.id.key, this.id.owner, outcome.status, JSON.stringify(outcome.body ?? null));
    return { ...outcome, replayed: this.#committed !== undefined };
  }

  async prepared(transaction: PreparedTransaction): Promise<void> {
    if (this.#sent !== undefined && this.#sent.fn !== transaction.fn) {
      // one creation, one transaction: a second kind could not be told apart from the first after a crash
      throw new Error(`a keyed creation submits one transaction, not ${this.#sent.fn} and then ${transaction.fn}`);
    }
    if (!(await this.hold(JSON.stringify(transaction)))) {
      throw inProgress(this.leaseMs);
    }
    this.#sent = transaction;
  }

  takeCommitted(fn: string): { txId: string; payload: string } | undefined {
    if (this.#committed === undefined || this.#committedTaken || this.#committed.fn !== fn) {
      return undefined;
    }
    this.#committedTaken = true;
    return { txId: this.#committed.txId, payload: this.#committed.payload };
  }

  /** The recorded transaction of a run that ended in doubt. Committed: the work answers with it. Not: the work runs afresh. */
  private async settle(recorded: PreparedTransaction, ledger: CreationLedger): Promise<void> {
    this.#sent = recorded;
    const settlement = await ledger.settle(recorded);
    if (settlement.committed) {
      this.#committed = { ...settlement, fn: recorded.fn };
    } else {
      this.#sent = undefined;
    }
  }

  /** Released if nothing this run sent can have committed; otherwise left in doubt, free at once for the next retry to settle. */
  private async end(error: unknown): Promise<void> {
    const inDoubt = this.#committed !== undefined || (this.#sent !== undefined && mayHaveCommitted(error));
    if (inDoubt) {
      await this.hold(undefined, this.now());
    } else {
      await this.store.release(this.id.principalId, this.id.key, this.id.owner);
    }
  }

  // async, so that a store that throws (closed, unreachable) rejects instead of throwing inside the renewal timer
  private async hold(preparedTransaction?: string, until = this.now() + this.leaseMs): Promise<boolean> {
    return this.store.hold(this.id.principalId, this.id.key, { owner: this.id.owner, until }, preparedTransaction);
  }
}

function inProgress(remainingMs: number): IdempotencyError {
  const error = new IdempotencyError('IDEMPOTENCY_IN_PROGRESS', `a request with this ${IDEMPOTENCY_HEADER} is still running; retry shortly`);
  error.retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return error;
}

/** HMAC-SHA256 (hex) of the canonical method, path and body. */
export function requestHashOf(hashKey: Uint8Array, call: Pick<IdempotentCall, 'method' | 'path' | 'body'>): string {
  return hmacSha256(hashKey, canonicalJson({ method: call.method, path: call.path, body: call.body ?? null })).toString('hex');
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
