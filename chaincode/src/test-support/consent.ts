import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import type { z } from 'zod';
import { checkedAs, createWorld, refusalCode, type World } from './world';
import * as surface from '../contract';

/**
 * Consent fixtures: a world with one stakeholder per role, and helpers to grant, check access and
 * assert that a refused transaction left the ledger untouched. Not part of the deployed package.
 */
export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const IDS = {
  patient: 'pat-alice01',
  otherPatient: 'pat-oscar01',
  delegate: 'pat-heidi01',
  doctor: 'doc-bob0001',
  otherDoctor: 'doc-carol01',
  pendingDoctor: 'doc-ivan001',
  hospital: 'hos-frank01',
  pharmacy: 'pha-dave001',
  insurer: 'ins-erin001',
  regulator: 'reg-grace01',
} as const;

/** The access most consent tests ask for, as the ledger stores it: actions and categories sorted. */
export const EDIT_VIEW_OF_IMAGING_AND_LAB = { actions: ['edit', 'view'], scope: { categories: ['imaging', 'lab'] } };

export interface ConsentWorld extends World {
  patient: LedgerIdentity;
  otherPatient: LedgerIdentity;
  delegate: LedgerIdentity;
  doctor: LedgerIdentity;
  otherDoctor: LedgerIdentity;
  pendingDoctor: LedgerIdentity;
  hospital: LedgerIdentity;
  pharmacy: LedgerIdentity;
  insurer: LedgerIdentity;
  regulator: LedgerIdentity;
  /** An ISO instant `ms` after the world's current time. */
  at(ms: number): string;
}

export async function createConsentWorld(): Promise<ConsentWorld> {
  const world = await createWorld();
  return {
    ...world,
    patient: await world.actor('patient', IDS.patient),
    otherPatient: await world.actor('patient', IDS.otherPatient),
    delegate: await world.actor('patient', IDS.delegate),
    doctor: await world.actor('doctor', IDS.doctor),
    otherDoctor: await world.actor('doctor', IDS.otherDoctor),
    pendingDoctor: await world.actor('doctor', IDS.pendingDoctor, { verify: false }),
    hospital: await world.actor('hospital', IDS.hospital),
    pharmacy: await world.actor('pharmacy', IDS.pharmacy),
    insurer: await world.actor('insurer', IDS.insurer),
    regulator: await world.actor('regulator', IDS.regulator),
    at: (ms) => new Date(world.now().getTime() + ms).toISOString(),
  };
}

/**
 * The world of the tests of the enclosing describe (or file): one object, refilled with a fresh
 * createConsentWorld() before each test, so no test sees another's ledger. Call it where a
 * `let world` and its beforeEach would stand.
 */
export function consentWorldForEachTest(): ConsentWorld {
  const world = {} as ConsentWorld;
  beforeEach(async () => {
    Object.assign(world, await createConsentWorld());
  });
  return world;
}

export interface GrantOptions {
  actions?: string[];
  scope?: Record<string, unknown>;
  purpose?: string;
  validFrom?: string;
  validUntil?: string;
}

/** Arguments of Consent:grant (without the leading patientId of grantFor). */
export function grantArgs(world: ConsentWorld, granteeId: string, options: GrantOptions = {}): string[] {
  return [
    granteeId,
    JSON.stringify(options.actions ?? ['view']),
    JSON.stringify(options.scope ?? { categories: ['lab'] }),
    options.purpose ?? 'TREAT',
    options.validFrom ?? world.at(0),
    options.validUntil ?? world.at(30 * DAY),
  ];
}

export interface GrantView {
  id: string;
  patientId: string;
  granteeId: string;
  granteeRole: string;
  actions: string[];
  scope: { categories?: string[]; recordIds?: string[] };
  purpose: string;
  validFrom: string;
  validUntil: string;
  status: string;
  effectiveStatus: string;
  createdBy: string;
  createdAt: string;
  requestId?: string;
  revokedBy?: string;
  revokedAt?: string;
}

export interface RequestView {
  id: string;
  patientId: string;
  requesterId: string;
  requesterRole: string;
  actions: string[];
  scope: { categories?: string[]; recordIds?: string[] };
  purpose: string;
  validUntil: string;
  status: string;
  effectiveStatus: string;
  decidedBy?: string;
  grantId?: string;
}

export interface DecisionView {
  patientId: string;
  action: string;
  category: string;
  recordId?: string;
  basis: string;
  purpose: string;
  grantId?: string;
  delegationId?: string;
  breakGlassId?: string;
  logEntryId: string;
  at: string;
}

/** A transaction's JSON result, checked against its shape on the contract surface (see checkedAs). */
export function parsed<S extends z.ZodType>(schema: S, result: TransactionResult): z.infer<S> {
  return checkedAs(schema, JSON.parse(result.payload));
}

export function eventOf(result: TransactionResult): { name: string; payload: Record<string, unknown> } {
  if (result.event === undefined) {
    throw new Error('the transaction emitted no event');
  }
  return { name: result.event.eventName, payload: JSON.parse(new TextDecoder().decode(result.event.payload)) as Record<string, unknown> };
}

export async function grant(world: ConsentWorld, who: LedgerIdentity, granteeId: string, options: GrantOptions = {}): Promise<GrantView> {
  return parsed(surface.grantView, await world.ledger.submit(who, 'Consent:grant', grantArgs(world, granteeId, options)));
}

export async function checkAccess(
  world: ConsentWorld,
  who: LedgerIdentity,
  patientId: string,
  action = 'view',
  category = 'lab',
  recordId = '',
  purpose?: string,
): Promise<DecisionView> {
  const transient = purpose === undefined ? undefined : { transient: { [surface.PURPOSE_TRANSIENT_KEY]: purpose } };
  return parsed(surface.accessCheck, await world.ledger.submit(who, 'Consent:checkAccess', [patientId, action, category, recordId], transient));
}

/** A 32-byte salt (base64) as the gateway would draw it; tests pass their own to vary it. */
export const BREAK_GLASS_TEST_SALT = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');

export async function openBreakGlass(
  world: ConsentWorld,
  who: LedgerIdentity,
  patientId: string,
  reason = 'unconscious on arrival',
  salt = BREAK_GLASS_TEST_SALT,
): Promise<TransactionResult> {
  return world.ledger.submit(who, 'Consent:breakGlass', [patientId], { transient: { breakGlass: JSON.stringify({ reason, salt }) } });
}

/** Everything a commit would change: block height, events, world state and private data. */
function ledgerFingerprint(world: World): string {
  const snapshot = world.ledger.toJSON();
  return JSON.stringify({
    height: world.ledger.blockHeight(),
    events: world.ledger.events().length,
    state: snapshot.state,
    privateData: snapshot.privateData,
  });
}

/** Runs a transaction expected to be refused; returns its error code and asserts nothing changed. */
export async function refusedWithoutWrite(world: World, promise: () => Promise<unknown>): Promise<string> {
  const before = ledgerFingerprint(world);
  const code = await refusalCode(promise());
  expect(ledgerFingerprint(world)).toBe(before);
  return code;
}

/** The codes a patient's one-shot decision is refused with, in the order `oneShotDecisionRefusals` tries them. */
export const ONE_SHOT_DECISION_REFUSALS = ['NOT_OWNER', 'ROLE_FORBIDDEN', 'INVALID_STATE', 'NOT_FOUND'];

/**
 * Tries the refusals every patient-owned, one-shot decision on an object (revoking a delegation,
 * denying a request) shares: another patient decides, `nonPatient` decides, the patient decides a
 * second time, the patient names `unknownId`. Each refusal is checked to write nothing; the codes
 * come back in that order, to compare with ONE_SHOT_DECISION_REFUSALS.
 */
export async function oneShotDecisionRefusals(
  world: ConsentWorld,
  fn: string,
  id: string,
  { nonPatient, unknownId }: { nonPatient: LedgerIdentity; unknownId: string },
): Promise<string[]> {
  const refusal = (who: LedgerIdentity, objectId: string): Promise<string> => refusedWithoutWrite(world, () => world.ledger.submit(who, fn, [objectId]));
  const codes = [await refusal(world.otherPatient, id), await refusal(nonPatient, id)];
  await world.ledger.submit(world.patient, fn, [id]);
  codes.push(await refusal(world.patient, id), await refusal(world.patient, unknownId));
  return codes;
}
