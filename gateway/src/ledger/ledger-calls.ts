import type { Histogram, Counter } from 'prom-client';
import type { Principal } from '../identity/principals/principal';
import { LedgerError, type LedgerClient } from './ledger-port';
import { LedgerResponseInvalidError, parseResult, type ResultOf, type TransactionName } from './transaction-results';

/** The two instruments every ledger call feeds (api/metrics.ts registers them). */
export interface LedgerMetrics {
  readonly ledgerDuration: Histogram<'transaction' | 'kind' | 'outcome'>;
  readonly ledgerErrors: Counter<'transaction' | 'code'>;
}

/**
 * The one path every ledger call takes. Each call is timed and each failure counted by transaction
 * and error code; each result is checked against the chaincode's contract surface
 * (TRANSACTION_RESULTS) before anyone reads it, and typed by it. Use cases get this, never the raw
 * LedgerClient, so no call can skip the metrics or take a payload on trust.
 */
export class LedgerCalls {
  constructor(
    private readonly ledger: LedgerClient,
    private readonly metrics: LedgerMetrics,
  ) {}

  async evaluateJson<F extends TransactionName>(principal: Principal, fn: F, args: string[] = []): Promise<ResultOf<F>> {
    return this.timed(fn, 'evaluate', async () => parseResult(fn, await this.ledger.evaluate(principal, fn, args)));
  }

  async submitJson<F extends TransactionName>(principal: Principal, fn: F, args: string[] = [], transient?: Record<string, string>): Promise<ResultOf<F>> {
    return (await this.submitWithTxId(principal, fn, args, transient)).result;
  }

  /** A submit whose result is wanted with the ID of the transaction that committed it. */
  async submitWithTxId<F extends TransactionName>(
    principal: Principal,
    fn: F,
    args: string[] = [],
    transient?: Record<string, string>,
  ): Promise<{ txId: string; result: ResultOf<F> }> {
    return this.timed(fn, 'submit', async () => {
      const { txId, payload } = await this.ledger.submit(principal, fn, args, transient);
      return { txId, result: parseResult(fn, payload) };
    });
  }

  private async timed<T>(transaction: string, kind: 'submit' | 'evaluate', call: () => Promise<T>): Promise<T> {
    const stop = this.metrics.ledgerDuration.startTimer({ transaction, kind });
    try {
      const result = await call();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      const code = error instanceof LedgerError || error instanceof LedgerResponseInvalidError ? error.code : 'UNEXPECTED';
      stop({ outcome: 'error' });
      this.metrics.ledgerErrors.inc({ transaction, code });
      throw error;
    }
  }
}
