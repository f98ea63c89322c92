import { ACCESS_ACTIONS } from '@medledger/chaincode/client';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Session } from '../test-support/saml-browser';
import type { GatewayAddress } from './fault-load';

/** Who a request is sent as: a signed-in person (cookie and CSRF token) or an organisation's API key. */
export type Caller = Session | { apiKey: string };

export function callerHeaders(caller: Caller): Record<string, string> {
  return 'apiKey' in caller ? { 'X-API-Key': caller.apiKey } : { Cookie: caller.cookie, 'X-CSRF-Token': caller.csrfToken };
}

/**
 * Units of one fill: each load order asks for one unit, so one prescription (refills 0) lasts
 * this many dispenses, far more than a suite of ~5 min makes (a few hundred); a new one is issued
 * if it ever runs low.
 */
const UNITS = 10_000;
const ISSUE_AGAIN_BELOW = 50;
/** Accepted orders ready before each case, and the level below which the load orders more while it runs. */
const FILL_TO = 40;
const REFILL_BELOW = 20;
const REFILL_BATCH = 4;
const REFILL_IDLE_MS = 250;
const SETUP_ATTEMPTS = 5;

/**
 * What the dispense worker needs, made through the REST API: a verified pharmacy (an API key, as
 * pharmacies call), the doctor's edit grant on the patient's prescriptions, a prescription of
 * UNITS, and a pool of orders the patient placed with the pharmacy and the pharmacy accepted: a
 * dispense is a step on one accepted order (POST /orders/{orderId}/dispensing), not a creation, so
 * it takes no Idempotency-Key; sent again after an unknown outcome it answers 409 INVALID_STATE
 * if the first one committed. Orders are made outside the measured load: their failures during a
 * fault are not counted, they are simply made again.
 */
export class DispenseSupply {
  readonly #ready: string[] = [];
  /** Every prescription the load dispenses from; the last is the one ordered from now. */
  readonly #issued: string[] = [];
  #prescriptionId = '';
  #remaining = 0;
  /** dispenseCount − dispensed orders at the last audit: a duplicate shows as growth. */
  auditedExcess = 0;

  private constructor(
    private readonly gateway: GatewayAddress,
    private readonly patient: Session,
    private readonly doctor: Session,
    readonly pharmacy: { stakeholderId: string; apiKey: string },
  ) {}

  static async create(gateway: GatewayAddress, admin: Session, patient: Session, doctor: Session): Promise<DispenseSupply> {
    const run = randomBytes(3).toString('hex');
    const issued = await post(gateway, admin, '/admin/api-keys', { organisation: `Fault-suite pharmacy ${run}`, role: 'pharmacy', scopes: ['read', 'write'], days: 1 }, 201);
    const { apiKey, principal } = issued as { apiKey: string; principal: { stakeholderId: string } };
    const licenceHash = createHash('sha256').update(`licence of ${principal.stakeholderId}`).digest('hex');
    await post(gateway, admin, `/stakeholders/${principal.stakeholderId}/verification`, { licenceHash }, 200);
    const validUntil = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    // issuing needs edit, the doctor's reads of what it issued view: every action there is
    await post(gateway, patient, '/consents', { granteeId: doctor.stakeholderId, actions: [...ACCESS_ACTIONS], scope: { categories: ['prescription'] }, purpose: 'TREAT', validUntil }, 201);
    const supply = new DispenseSupply(gateway, patient, doctor, { stakeholderId: principal.stakeholderId, apiKey });
    await supply.#issue();
    return supply;
  }

  get prescriptionIds(): string[] {
    return [...this.#issued];
  }

  /** The next accepted order to dispense, if any is ready. */
  take(): string | undefined {
    return this.#ready.shift();
  }

  /** Before a case (the network whole): accepted orders up to FILL_TO. */
  async fill(): Promise<void> {
    for (let attempt = 1; this.#ready.length < FILL_TO; attempt += 1) {
      const made = await this.#orders(FILL_TO - this.#ready.length);
      if (made === 0 && attempt >= SETUP_ATTEMPTS) throw new Error('no order could be placed and accepted for the dispense load');
    }
  }

  /** One step of the load's refill worker: a few more orders when the pool runs low; failures (a fault) are tried again later. */
  async refill(): Promise<void> {
    if (this.#ready.length >= REFILL_BELOW) {
      await sleep(REFILL_IDLE_MS);
      return;
    }
    if ((await this.#orders(REFILL_BATCH)) === 0) await sleep(REFILL_IDLE_MS);
  }

  async #issue(): Promise<void> {
    const validUntil = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    const body = { patientId: this.patient.stakeholderId, totalQuantity: UNITS, refills: 0, validUntil, items: [{ medicine: 'Fault-suite placebo 1 mg', dose: '1 tablet' }] };
    const issued = (await post(this.gateway, this.doctor, '/prescriptions', body, 201)) as { id: string };
    this.#prescriptionId = issued.id;
    this.#issued.push(issued.id);
    this.#remaining = UNITS;
  }

  /** Places and accepts `count` orders of one unit, concurrently; returns how many are now ready. */
  async #orders(count: number): Promise<number> {
    if (this.#remaining - count < ISSUE_AGAIN_BELOW) await this.#issue();
    this.#remaining -= count;
    const body = { prescriptionId: this.#prescriptionId, pharmacyId: this.pharmacy.stakeholderId, quantity: 1, paymentMethod: 'online' };
    const made = await Promise.all(
      Array.from({ length: count }, async () => {
        const placed = await send(this.gateway, this.patient, '/orders', body);
        const orderId = placed.status === 201 ? (placed.body as { id?: string }).id : undefined;
        if (orderId === undefined) return false;
        const accepted = await send(this.gateway, this.pharmacy, `/orders/${orderId}/acceptance`);
        // an order placed but not accepted (a fault between the two) is left placed: the load never dispenses it
        if (accepted.status !== 200) return false;
        this.#ready.push(orderId);
        return true;
      }),
    );
    return made.filter(Boolean).length;
  }
}

async function post(gateway: GatewayAddress, caller: Caller, path: string, body: unknown, expected: number): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send(gateway, caller, path, body);
    if (answer.status === expected) return answer.body;
    if (attempt >= SETUP_ATTEMPTS || answer.status < 500) throw new Error(`setting up dispenses, POST ${path}: ${String(answer.status)} ${JSON.stringify(answer.body)}`);
    await sleep(1_000);
  }
}

async function send(gateway: GatewayAddress, caller: Caller, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(`${gateway.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...callerHeaders(caller), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(90_000),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { status: 0, body: undefined };
  }
}
