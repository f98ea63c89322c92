import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { Side, TwoPatients } from './two-patients';

/**
 * The shape of a foreign-argument case (see contracts/foreign-arguments.test.ts): which argument
 * it is about, where patient B's value and patient A's own value come from, the invocation on A's
 * side, and the refusal B's value must meet. The tables are in foreign-*-cases.ts, one per area.
 */
export interface Invocation {
  as: LedgerIdentity;
  fn: string;
  args: string[];
  transient?: Record<string, unknown>;
  /** An evaluated (read-only) transaction. */
  evaluate?: true;
}

export interface Case {
  /** "Contract:transaction.parameter" */
  argument: string;
  /** What the foreign value is, when one argument has several cases. */
  label?: string;
  foreign(t: TwoPatients): string;
  own(t: TwoPatients): string;
  /** Arranges what both attempts need (before the refusal is measured); its result is passed on. */
  prepare?(t: TwoPatients, value: string): Promise<string>;
  attempt(t: TwoPatients, value: string, prepared: string): Invocation;
  refusal: string;
  /** What A's own value gets: 'ok', or a refusal for the state the fixture left A's object in (never `refusal`). */
  ownOutcome?: string;
}

export const patientSide = (side: Side) => side.patient;
export const pharmacySide = (side: Side) => side.pharmacy;
export const doctorSide = (side: Side) => side.doctor;
export const hospitalSide = (side: Side) => side.hospital;
export const insurerSide = (side: Side) => side.insurer;

/** A case where A's patient calls `fn` with B's object in place of A's, as the only argument besides fixed ones. */
export function onObject(
  argument: string,
  pick: (side: Side) => string,
  refusal: string,
  who: (side: Side) => LedgerIdentity,
  args: (value: string) => string[],
  { ownOutcome, ...options }: { evaluate?: true; transient?: Record<string, unknown>; ownOutcome?: string } = {},
): Case {
  const fn = argument.split('.')[0] ?? argument;
  return {
    argument,
    foreign: (t) => pick(t.b),
    own: (t) => pick(t.a),
    attempt: (t, value) => ({ as: who(t.a), fn, args: args(value), ...options }),
    refusal,
    ownOutcome,
  };
}

/**
 * The two cases of a transaction whose arguments are an object and a value that must match it (an
 * amendment and its content hash, a service request and its report file). B's object travels with
 * B's matching value, so only ownership can refuse it; B's value travels with A's object.
 */
export function onObjectAndItsValue(
  fn: string,
  object: { parameter: string; pick: (side: Side) => string; refusal: string },
  value: { parameter: string; pick: (side: Side) => string; refusal: string },
  who: (side: Side) => LedgerIdentity,
): Case[] {
  return [
    {
      argument: `${fn}.${object.parameter}`,
      foreign: (t) => object.pick(t.b),
      own: (t) => object.pick(t.a),
      attempt: (t, objectId) => ({ as: who(t.a), fn, args: [objectId, value.pick(objectId === object.pick(t.b) ? t.b : t.a)] }),
      refusal: object.refusal,
    },
    {
      argument: `${fn}.${value.parameter}`,
      foreign: (t) => value.pick(t.b),
      own: (t) => value.pick(t.a),
      attempt: (t, given) => ({ as: who(t.a), fn, args: [object.pick(t.a), given] }),
      refusal: value.refusal,
    },
  ];
}
