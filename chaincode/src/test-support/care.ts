import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import { HEALTH_COLLECTION } from '../lib/private-data';
import type { z } from 'zod';
import { checkedAs, submitJson, type World } from './world';

/**
 * Helpers for the care-flow tests (prescriptions, orders, insurance): consent grants through the
 * real Consent contract, time arithmetic on the world clock, and raw ledger inspection so tests can
 * prove what is (and is not) on public state, in private data and in events.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO instant `days` (may be fractional or negative) from the world's current time. */
export function daysFromNow(world: World, days: number): string {
  return new Date(world.now().getTime() + days * DAY_MS).toISOString();
}

/** Moves the world clock forward by `days`. */
export function advanceDays(world: World, days: number): void {
  world.setTime(new Date(world.now().getTime() + days * DAY_MS));
}

/** A well-formed SHA-256 hex string made of one repeated hex digit. */
export function fakeSha256(digit: string): string {
  return digit.repeat(64);
}

export interface GrantOptions {
  actions?: ('view' | 'edit')[];
  scope?: { categories: string[] } | { recordIds: string[] };
  purpose?: string;
  validFrom?: string;
  validUntil?: string;
}

/** The patient grants `granteeId` consent through Consent:grant; returns the grant's ID. */
export async function grantConsent(world: World, patient: LedgerIdentity, granteeId: string, options: GrantOptions = {}): Promise<string> {
  const grant = await submitJson<{ id: string }>(world, patient, 'Consent:grant', [
    granteeId,
    JSON.stringify(options.actions ?? ['view']),
    JSON.stringify(options.scope ?? { categories: ['prescription'] }),
    options.purpose ?? 'TREAT',
    options.validFrom ?? world.now().toISOString(),
    options.validUntil ?? daysFromNow(world, 90),
  ]);
  return grant.id;
}

export async function revokeConsent(world: World, patient: LedgerIdentity, grantId: string): Promise<void> {
  await world.ledger.submit(patient, 'Consent:revoke', [grantId]);
}

export async function suspend(world: World, stakeholderId: string): Promise<void> {
  await world.ledger.submit(world.admin, 'Stakeholder:suspend', [stakeholderId]);
}

/** Submits with the transient map given as objects (each field JSON-encoded). */
export async function submitWithTransient<T>(
  world: World,
  who: LedgerIdentity,
  fn: string,
  args: string[],
  transient: Record<string, unknown>,
): Promise<T> {
  const encoded = Object.fromEntries(Object.entries(transient).map(([field, value]) => [field, JSON.stringify(value)]));
  return submitJson<T>(world, who, fn, args, encoded);
}

/** The decoded payload of a transaction's event. */
/**
 * Asserts what a step on an order or an application answers: the object now in `status`, stamped
 * `<status>At` with the transaction's time, and an event named after the transaction.
 */
export function expectStepTaken(world: World, result: TransactionResult, transaction: string, status: string): void {
  expect(JSON.parse(result.payload)).toMatchObject({ status, [`${status}At`]: world.now().toISOString() });
  expect(result.event?.eventName).toBe(transaction);
}

export function eventPayload(result: TransactionResult): Record<string, unknown> {
  if (result.event === undefined) {
    throw new Error('the transaction emitted no event');
  }
  return JSON.parse(new TextDecoder().decode(result.event.payload)) as Record<string, unknown>;
}

/** The composite key Fabric builds for (objectType, parts). */
export function compositeKey(objectType: string, parts: string[]): string {
  return `\u0000${objectType}\u0000${parts.map((part) => `${part}\u0000`).join('')}`;
}

function decode(bytes: Uint8Array | undefined): unknown {
  return bytes === undefined || bytes.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(bytes));
}

/** An object on committed public state, or undefined; publicObject checks and types it. */
export function publicState(world: World, objectType: string, parts: string[]): unknown {
  return decode(world.ledger.getState(compositeKey(objectType, parts)));
}

/** An object on committed public state checked against its contract shape (see checkedAs), or undefined. */
export function publicObject<S extends z.ZodType>(world: World, schema: S, objectType: string, parts: string[]): z.infer<S> | undefined {
  const value = publicState(world, objectType, parts);
  return value === undefined ? undefined : checkedAs(schema, value);
}

/** An object in the health collection, or undefined; privateObject checks and types it. */
export function privateState(world: World, objectType: string, parts: string[]): unknown {
  return decode(world.ledger.getPrivateData(HEALTH_COLLECTION, compositeKey(objectType, parts)));
}

/** An object in the health collection checked against its contract shape (see checkedAs), or undefined. */
export function privateObject<S extends z.ZodType>(world: World, schema: S, objectType: string, parts: string[]): z.infer<S> | undefined {
  const value = privateState(world, objectType, parts);
  return value === undefined ? undefined : checkedAs(schema, value);
}

/**
 * What a refused transaction must leave untouched: the block height (no commit) and the number of
 * events. Call before the refused transaction, then expect the result to equal a later call.
 */
export function ledgerMark(world: World): { height: number; events: number } {
  return { height: world.ledger.blockHeight(), events: world.ledger.events().length };
}
