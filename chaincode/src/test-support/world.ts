import { MemoryLedger, type LedgerIdentity } from '@medledger/ledger-sim';
import { contracts } from '../index';
import { HEALTH_COLLECTION } from '../lib/private-data';
import { ROLE_ISSUING_MSP, type Role } from '../lib/roles';
import type { z } from 'zod';

/**
 * Test fixture: a fresh in-memory ledger running the real contracts, with helpers that create
 * stakeholders the way production does (certificate attributes, self-registration, verification).
 * Not part of the deployed package (excluded from the build).
 */
export const T0 = new Date('2026-03-01T09:00:00.000Z');

export interface World {
  ledger: MemoryLedger;
  /** Advances the ledger clock; every later transaction is stamped with the new time. */
  setTime(at: Date | string): void;
  now(): Date;
  /** A certificate for `id` in `role`, issued by the role's org, not yet registered. */
  identity(role: Role, id: string): LedgerIdentity;
  /** An identity whose certificate lacks MedLedger attributes. */
  anonymous(mspId?: string): LedgerIdentity;
  /** Registers (and, for professionals, verifies through the admin) a stakeholder. */
  actor(role: Role, id: string, options?: { verify?: boolean }): Promise<LedgerIdentity>;
  admin: LedgerIdentity;
}

export async function createWorld(): Promise<World> {
  let current = new Date(T0);
  const ledger = new MemoryLedger({ contracts, collections: [HEALTH_COLLECTION], clock: () => new Date(current) });
  const identity = (role: Role, id: string): LedgerIdentity =>
    ledger.identity({ mspId: ROLE_ISSUING_MSP[role], commonName: id, attributes: { 'medledger.role': role, 'medledger.id': id } });
  const admin = identity('admin', 'adm-platform0');
  await ledger.submit(admin, 'Stakeholder:register');
  return {
    ledger,
    admin,
    identity,
    setTime: (at) => {
      current = new Date(at);
    },
    now: () => new Date(current),
    anonymous: (mspId = 'ProvidersMSP') => ledger.identity({ mspId, commonName: 'no-attributes' }),
    actor: async (role, id, options = {}) => {
      const who = identity(role, id);
      await ledger.submit(who, 'Stakeholder:register');
      if (options.verify !== false && ['doctor', 'hospital', 'pharmacy', 'insurer'].includes(role)) {
        await ledger.submit(admin, 'Stakeholder:verify', [id, 'a'.repeat(64)]);
      }
      return who;
    },
  };
}

/** Submits and parses the JSON the transaction returns. */
export async function submitJson<T>(world: World, who: LedgerIdentity, fn: string, args: string[] = [], transient?: Record<string, string>): Promise<T> {
  const result = await world.ledger.submit(who, fn, args, transient === undefined ? {} : { transient });
  return JSON.parse(result.payload) as T;
}

/** One page of a list transaction. */
export interface Page<T> {
  items: T[];
  bookmark: string;
}

export async function evaluateJson<T>(world: World, who: LedgerIdentity, fn: string, args: string[] = []): Promise<T> {
  return JSON.parse(await world.ledger.evaluate(who, fn, args)) as T;
}

/** The code a refused transaction failed with (its message starts with the catalog code). */
export async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message.split(':')[0] ?? '';
  }
  throw new Error('expected the transaction to be refused, but it succeeded');
}

/**
 * A decoded value checked against its shape on the contract surface, and typed by it. The value is
 * returned as it was, unknown keys included, so assertions see exactly what was stored or sent.
 */
export function checkedAs<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  schema.parse(value);
  return value as z.infer<S>;
}
