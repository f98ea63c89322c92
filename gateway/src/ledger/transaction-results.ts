import { TRANSACTION_RESULTS } from '@medledger/chaincode/client';
import type { z } from 'zod';

/** "Contract:transaction", as a client submits or evaluates it. */
export type TransactionName = keyof typeof TRANSACTION_RESULTS;
/** What a transaction returns, as the chaincode's contract surface describes it. */
export type ResultOf<F extends TransactionName> = z.output<(typeof TRANSACTION_RESULTS)[F]>;

/**
 * The chaincode answered outside its own contract surface: a chaincode and gateway of different
 * releases, or a defect. Never passed on as if it were valid; the client gets a 502 (the upstream
 * answered wrongly) and the details go to the log only.
 */
export class LedgerResponseInvalidError extends Error {
  readonly code = 'LEDGER_RESPONSE_INVALID';

  constructor(transaction: string, reason: string) {
    super(`LEDGER_RESPONSE_INVALID: ${transaction} answered outside the contract surface: ${reason}`);
    this.name = 'LedgerResponseInvalidError';
  }
}

/**
 * Reads a transaction's payload as its contract-surface schema says: JSON for every result but the
 * plain-text ones (Platform's), validated, with fields the surface does not describe dropped.
 */
export function parseResult<F extends TransactionName>(transaction: F, payload: string): ResultOf<F> {
  const schema: z.ZodType = TRANSACTION_RESULTS[transaction];
  const parsed = schema.safeParse(schema.def.type === 'string' ? payload : parseJson(transaction, payload));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new LedgerResponseInvalidError(transaction, issues.join('; '));
  }
  return parsed.data as ResultOf<F>;
}

function parseJson(transaction: string, payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    throw new LedgerResponseInvalidError(transaction, 'the payload is not JSON');
  }
}

/**
 * The short names of one contract's transactions that return R: for the operation families that
 * differ only by which step they submit (an appointment's confirm, decline, cancel, ...).
 */
export type StepsOf<Contract extends string, R> = {
  [F in TransactionName]: F extends `${Contract}:${infer Name}` ? (ResultOf<F> extends R ? Name : never) : never;
}[TransactionName];
