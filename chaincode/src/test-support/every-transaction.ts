import type { LedgerIdentity, MemoryLedger } from '@medledger/ledger-sim';
import { createWorld, type World } from './world';

/**
 * A story that calls every transaction of the chaincode at least once, on one in-memory ledger,
 * recording what each returned. transaction-results.test.ts checks every recorded result against
 * the contract surface. The story is split by contract (every-transaction-*.ts); each part only
 * needs the cast and the calls below.
 */

export interface RecordedResult {
  /** "Contract:transaction" as submitted or evaluated. */
  transaction: string;
  payload: string;
}

export const CAST = {
  patient: 'pat-every0001',
  delegate: 'pat-every0002',
  doctor: 'doc-every0001',
  suspendedDoctor: 'doc-every0002',
  hospital: 'hos-every0001',
  pharmacy: 'pha-every0001',
  pendingPharmacy: 'pha-every0002',
  insurer: 'ins-every0001',
  regulator: 'reg-every0001',
} as const;

export type Cast = { [K in keyof typeof CAST]: LedgerIdentity };

export interface Story {
  world: World;
  who: Cast;
  /** Submits and returns the parsed result. */
  submit: <T = Record<string, unknown>>(who: LedgerIdentity, transaction: string, args?: string[], transient?: Record<string, unknown>) => Promise<T>;
  /** Evaluates and returns the parsed result. */
  evaluate: <T = Record<string, unknown>>(who: LedgerIdentity, transaction: string, args?: string[]) => Promise<T>;
  /** An ISO instant `days` after the ledger's current time. */
  inDays: (days: number) => string;
}

/** Wraps the ledger so every successful submit and evaluate is recorded, in order. */
function recordResults(ledger: MemoryLedger, recorded: RecordedResult[]): void {
  const submit = ledger.submit.bind(ledger);
  const evaluate = ledger.evaluate.bind(ledger);
  ledger.submit = async (identity, transaction, args, options) => {
    const result = await submit(identity, transaction, args, options);
    recorded.push({ transaction, payload: result.payload });
    return result;
  };
  ledger.evaluate = async (identity, transaction, args, options) => {
    const payload = await evaluate(identity, transaction, args, options);
    recorded.push({ transaction, payload });
    return payload;
  };
}

/** A world with one registered (and, for professionals, verified) stakeholder per part of the story. */
export async function createStory(recorded: RecordedResult[]): Promise<Story> {
  const world = await createWorld();
  recordResults(world.ledger, recorded);
  const who = {
    patient: await world.actor('patient', CAST.patient),
    delegate: await world.actor('patient', CAST.delegate),
    doctor: await world.actor('doctor', CAST.doctor),
    suspendedDoctor: await world.actor('doctor', CAST.suspendedDoctor),
    hospital: await world.actor('hospital', CAST.hospital),
    pharmacy: await world.actor('pharmacy', CAST.pharmacy),
    pendingPharmacy: await world.actor('pharmacy', CAST.pendingPharmacy, { verify: false }),
    insurer: await world.actor('insurer', CAST.insurer),
    regulator: await world.actor('regulator', CAST.regulator),
  };
  const transientOf = (values: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(Object.entries(values).map(([field, value]) => [field, JSON.stringify(value)]));
  return {
    world,
    who,
    submit: async <T>(identity: LedgerIdentity, transaction: string, args: string[] = [], transient: Record<string, unknown> = {}) =>
      JSON.parse((await world.ledger.submit(identity, transaction, args, { transient: transientOf(transient) })).payload) as T,
    evaluate: async <T>(identity: LedgerIdentity, transaction: string, args: string[] = []) => JSON.parse(await world.ledger.evaluate(identity, transaction, args)) as T,
    inDays: (days: number) => new Date(world.now().getTime() + days * 24 * 3600 * 1000).toISOString(),
  };
}

/** A well-formed SHA-256 of one repeated hex digit. */
export function fakeHash(digit: string): string {
  return digit.repeat(64);
}
