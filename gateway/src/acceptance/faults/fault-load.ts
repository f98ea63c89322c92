import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '../test-support/saml-browser';
import { callerHeaders, type Caller, type DispenseSupply } from './dispense-supply';

/**
 * The writes the load makes: a patient's grant (a creation, with an Idempotency-Key), a doctor's
 * logged access check, a patient's upload, a pharmacy's dispense of an accepted order.
 */
export type WriteKind = 'grant' | 'access-check' | 'upload' | 'dispense';

/** One HTTP request the load sent, whatever came of it (status 0: no answer, e.g. the gateway was down). */
export interface Attempt {
  kind: WriteKind;
  /** The write this request is for: a grant's Idempotency-Key, a dispense's order, else unique per request. */
  writeId: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  code?: string;
  /** What the 2xx names: grantId, logEntryId, fileId or (dispense) orderId. */
  resourceId?: string;
  /** The transaction, when the response names it (uploads). */
  txId?: string;
  /** A failure's problem detail, shortened: what the client was told. */
  detail?: string;
  /** For a grant: its validUntil, unique per Idempotency-Key, so the ledger shows which key made it. */
  marker?: string;
  /** Answered with Idempotent-Replayed: true (a stored answer, or a transaction settled after a crash). */
  replayed?: boolean;
}

export interface LoadActors {
  patient: Session;
  doctor: Session;
}

/** Where requests go now: a gateway restarted on a new port is followed by every worker. */
export interface GatewayAddress {
  baseUrl: string;
}

const PAUSE_MS = 150;
const PROBE_MS = 500;
const REQUEST_TIMEOUT_MS = 90_000;
/** validUntil of the grants: a week out, one second apart per key, so each key's grant is recognisable on the ledger. */
const GRANT_BASE = Date.now() + 7 * 24 * 3600_000;

/**
 * Steady mixed load through the REST gateway, one worker per kind of write, each sending its next
 * request once the last one was answered. Every request is recorded. A grant that got no 2xx (nor
 * a 4xx refusal) is sent again with the same Idempotency-Key and body, as a careful client would,
 * until it is answered or the load stops; `pendingGrants` are those still unanswered then.
 */
export class MixedLoad {
  readonly attempts: Attempt[] = [];
  #running = false;
  #workers: Promise<void>[] = [];
  readonly #probes: Promise<unknown>[] = [];
  #grants = 0;
  readonly #run = randomBytes(3).toString('hex');
  /** Idempotency-Keys sent whose write is still undecided (no 2xx, no 4xx). */
  readonly pendingGrants = new Map<string, string>();
  readonly #stalled = new Set<string>();
  /** An order whose dispense got no decision (no answer, a 5xx, a read conflict): sent again before the next one. */
  #undecidedDispense: string | undefined;
  /** Requests sent and not yet answered, by write. */
  readonly #inFlight = new Map<string, { kind: WriteKind; sentAt: number }>();

  constructor(
    private readonly gateway: GatewayAddress,
    private readonly actors: LoadActors,
    private readonly dispensing: DispenseSupply,
  ) {}

  start(): void {
    this.#running = true;
    this.#workers = [
      this.#loop(() => this.#grant()),
      this.#loop(() => this.#accessCheck()),
      this.#loop(() => this.#upload()),
      this.#loop(() => this.#dispense()),
      // not a measured write: keeps accepted orders coming for #dispense
      this.#loop(() => this.dispensing.refill()),
    ];
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all([...this.#workers, ...this.#probes.splice(0)]);
  }

  /**
   * While a fault lasts: a fresh access check every PROBE_MS for `durationMs`, not waiting for the
   * answers (stop() does), so writes sent during the fault are seen even while each worker still
   * waits out a deadline on a request sent before it.
   */
  async probeFor(durationMs: number): Promise<void> {
    const end = Date.now() + durationMs;
    while (Date.now() < end) {
      this.#probes.push(this.#accessCheck());
      await sleep(PROBE_MS);
    }
  }

  /** Sends every undecided grant again with its key until each is decided (after a fault is repaired). */
  async settle(deadlineMs: number): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (this.pendingGrants.size > 0 && Date.now() < deadline) {
      for (const [key, marker] of [...this.pendingGrants]) await this.#sendGrant(key, marker);
      if (this.pendingGrants.size > 0) await sleep(500);
    }
  }

  /**
   * Recovery probe: besides the workers (each may be waiting out a deadline on a request sent
   * before the repair), a fresh access check every PROBE_MS until one is answered 2xx.
   */
  async probeUntilAck(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const state = { acked: false };
    const inFlight: Promise<void>[] = [];
    while (!state.acked && Date.now() < deadline) {
      inFlight.push(this.#accessCheck().then((attempt) => {
        if (isAck(attempt)) state.acked = true;
      }));
      await sleep(PROBE_MS);
    }
    await Promise.all(inFlight);
  }

  /** Waits until a request of this kind has been waiting for its answer at least `ms` (a fault can then cut it off mid-way). */
  async inFlightFor(kind: WriteKind, ms: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ([...this.#inFlight.values()].some((request) => request.kind === kind && Date.now() - request.sentAt >= ms)) return;
      await sleep(5);
    }
    throw new Error(`no ${kind} request waited ${String(ms)} ms for its answer within ${String(timeoutMs)} ms`);
  }

  /** Attempts from `since` on (an index into attempts). */
  after(since: number): Attempt[] {
    return this.attempts.slice(since);
  }

  async #loop(step: () => Promise<unknown>): Promise<void> {
    while (this.#running) {
      await step();
      await sleep(PAUSE_MS);
    }
  }

  async #grant(): Promise<void> {
    // an undecided key first: its write may be on the ledger already (unless its claim is stuck "in progress": settle() tries those)
    const pending = [...this.pendingGrants].find(([key]) => !this.#stalled.has(key));
    if (pending !== undefined) {
      await this.#sendGrant(...pending);
      return;
    }
    this.#grants += 1;
    await this.#sendGrant(`fault-${this.#run}-${String(this.#grants)}`, new Date(GRANT_BASE + this.#grants * 1000).toISOString());
  }

  async #sendGrant(key: string, validUntil: string): Promise<void> {
    this.pendingGrants.set(key, validUntil);
    const body = { granteeId: this.actors.doctor.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil };
    const attempt = await this.#send('grant', key, '/consents', this.actors.patient, { json: body, headers: { 'Idempotency-Key': key } });
    attempt.marker = validUntil;
    attempt.resourceId = field(attempt, 'id');
    if (decided(attempt)) this.pendingGrants.delete(key);
    if (attempt.code === 'IDEMPOTENCY_IN_PROGRESS') this.#stalled.add(key);
    else this.#stalled.delete(key);
  }

  async #accessCheck(): Promise<Attempt> {
    const attempt = await this.#send('access-check', `check-${randomBytes(6).toString('hex')}`, `/patients/${this.actors.patient.stakeholderId}/access-checks`, this.actors.doctor, { json: { action: 'view', category: 'lab' } });
    attempt.resourceId = field(attempt, 'logEntryId');
    return attempt;
  }

  async #upload(): Promise<void> {
    const content = randomBytes(512);
    const attempt = await this.#send('upload', `upload-${randomBytes(6).toString('hex')}`, '/files', this.actors.patient, {
      raw: content,
      headers: { 'Content-Type': 'application/octet-stream', 'X-Patient-Id': this.actors.patient.stakeholderId, 'X-Category': 'lab' },
    });
    const file = (attempt.body as { file?: { fileId?: string } } | undefined)?.file;
    attempt.resourceId = file?.fileId;
    attempt.txId = field(attempt, 'txId');
  }

  /** A pharmacy's dispense of the next accepted order, or again of the one whose last dispense is undecided. */
  async #dispense(): Promise<void> {
    const orderId = this.#undecidedDispense ?? this.dispensing.take();
    if (orderId === undefined) return;
    const attempt = await this.#send('dispense', orderId, `/orders/${orderId}/dispensing`, this.dispensing.pharmacy, {});
    if (isAck(attempt)) attempt.resourceId = field(attempt, 'id');
    this.#undecidedDispense = decided(attempt) ? undefined : orderId;
  }

  async #send(kind: WriteKind, writeId: string, path: string, caller: Caller, what: { json?: unknown; raw?: Buffer; headers?: Record<string, string> }): Promise<Attempt & { body?: unknown }> {
    const sentAt = Date.now();
    const headers: Record<string, string> = { ...callerHeaders(caller), ...what.headers };
    if (what.json !== undefined) headers['Content-Type'] = 'application/json';
    let attempt: Attempt & { body?: unknown };
    this.#inFlight.set(writeId, { kind, sentAt });
    try {
      const response = await fetch(`${this.gateway.baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: what.raw ?? (what.json === undefined ? undefined : JSON.stringify(what.json)),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const body = parse(text);
      attempt = { kind, writeId, sentAt, answeredAt: Date.now(), status: response.status, body, ...codeOf(body) };
      if (response.headers.get('idempotent-replayed') === 'true') attempt.replayed = true;
      const detail = (body as { detail?: unknown } | undefined)?.detail;
      if (response.status >= 500 && typeof detail === 'string') attempt.detail = detail.slice(0, 300);
    } catch {
      attempt = { kind, writeId, sentAt, answeredAt: Date.now(), status: 0 };
    }
    this.#inFlight.delete(writeId);
    this.attempts.push(attempt);
    return attempt;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function codeOf(body: unknown): { code?: string } {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? { code } : {};
}

function field(attempt: { body?: unknown }, name: string): string | undefined {
  const value = (attempt.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Answers that leave a creation undecided: its key is sent again. */
const UNDECIDED_CODES = new Set(['IDEMPOTENCY_IN_PROGRESS', 'READ_CONFLICT']);

/** A 2xx, or a 4xx refusal that says nothing was created. No answer, a 5xx, or "still running" leave it open. */
function decided(attempt: Attempt): boolean {
  return attempt.status >= 200 && attempt.status < 500 && !UNDECIDED_CODES.has(attempt.code ?? '');
}

export const isAck = (attempt: Attempt): boolean => attempt.status >= 200 && attempt.status < 300;
