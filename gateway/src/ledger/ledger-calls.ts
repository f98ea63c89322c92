import { PURPOSE_TRANSIENT_KEY, type RefusedAccess } from '@medledger/chaincode/client';
import type { Histogram, Counter } from 'prom-client';
import type { Principal } from '../identity/principals/principal';
import { LedgerError, type LedgerClient, type LedgerLogger, type PreparedTransaction, type Settlement, type SubmitJournal } from './ledger-port';
import { LedgerResponseInvalidError, parseResult, type ResultOf, type TransactionName } from './transaction-results';

/** The two instruments every ledger call feeds (api/metrics.ts registers them). */
export interface LedgerMetrics {
  readonly ledgerDuration: Histogram<'transaction' | 'kind' | 'outcome'>;
  readonly ledgerErrors: Counter<'transaction' | 'code'>;
}

/** The transaction that records a refused access, which the refused transaction itself could not commit. */
export const RECORD_REFUSAL = 'AccessLog:recordRefusal';

/** Who made a call and what it stated (the transient map), for recording it if the chaincode refuses it. */
interface CallContext {
  principal: Principal;
  transient?: Record<string, string> | undefined;
}

/**
 * A submit journal (ledger-port.ts) that may also hold the committed answer of a submit made before
 * a crash: an interrupted creation run again answers with what committed, and proposes nothing.
 */
export interface CallJournal extends SubmitJournal {
  /** The committed transaction of `fn` the journal holds, handed out once; undefined when there is none. */
  takeCommitted(fn: string): { txId: string; payload: string } | undefined;
}

/**
 * The one path every ledger call takes. Each call is timed and each failure counted by transaction
 * and error code; each result is checked against the chaincode's contract surface
 * (TRANSACTION_RESULTS) before anyone reads it, and typed by it. Use cases get this, never the raw
 * LedgerClient, so no call can skip the metrics or take a payload on trust. Every call the
 * chaincode refuses with a tagged CONSENT_REQUIRED is recorded in the patient's access log here,
 * whichever route made it (recordRefusal).
 */
export class LedgerCalls {
  constructor(
    private readonly ledger: LedgerClient,
    private readonly metrics: LedgerMetrics,
    private readonly logger?: LedgerLogger,
    private readonly journal?: CallJournal,
  ) {}

  /** The same calls, each submit kept in this journal (one request's Idempotency-Key run, api/idempotency.ts). */
  journaled(journal: CallJournal): LedgerCalls {
    return new LedgerCalls(this.ledger, this.metrics, this.logger, journal);
  }

  /** Whether a prepared transaction committed, sent again if need be (LedgerClient.settle), as the principal that prepared it. */
  async settle(principal: Principal, transaction: PreparedTransaction): Promise<Settlement> {
    return this.timed(transaction.fn, 'submit', () => this.ledger.settle(principal, transaction), { principal });
  }

  async evaluateJson<F extends TransactionName>(principal: Principal, fn: F, args: string[] = [], transient?: Record<string, string>): Promise<ResultOf<F>> {
    return this.timed(fn, 'evaluate', async () => parseResult(fn, await this.ledger.evaluate(principal, fn, args, transient)), { principal });
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
    const committed = this.journal?.takeCommitted(fn);
    if (committed !== undefined) {
      return { txId: committed.txId, result: parseResult(fn, committed.payload) };
    }
    return this.timed(
      fn,
      'submit',
      async () => {
        const { txId, payload } = await this.ledger.submit(principal, fn, args, transient, this.journal);
        return { txId, result: parseResult(fn, payload) };
      },
      { principal, transient },
    );
  }

  /**
   * Records a refused access as its own transaction, as the same caller stating the same purpose
   * (only the purpose: no other transient field is passed on). The chaincode decides again and
   * records only a real refusal. A failure is logged without the query (IDs of patient data) and
   * swallowed: the caller's answer is the refusal, whatever happens here.
   */
  private async recordRefusal(refused: RefusedAccess, context: CallContext, refusedTransaction: string): Promise<void> {
    const purpose = context.transient?.[PURPOSE_TRANSIENT_KEY];
    const args = [refused.patientId, refused.action, refused.category, refused.recordId ?? '', '', ''];
    try {
      await this.timed(RECORD_REFUSAL, 'submit', () => this.ledger.submit(context.principal, RECORD_REFUSAL, args, purpose === undefined ? undefined : { [PURPOSE_TRANSIENT_KEY]: purpose }), context);
    } catch (error) {
      const code = error instanceof LedgerError ? error.code : 'UNEXPECTED';
      this.logger?.warn({ transaction: RECORD_REFUSAL, refusedTransaction, code }, 'a refused access could not be recorded in the access log');
    }
  }

  private async timed<T>(transaction: string, kind: 'submit' | 'evaluate', call: () => Promise<T>, context: CallContext): Promise<T> {
    const stop = this.metrics.ledgerDuration.startTimer({ transaction, kind });
    try {
      const result = await call();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      const code = error instanceof LedgerError || error instanceof LedgerResponseInvalidError ? error.code : 'UNEXPECTED';
      stop({ outcome: 'error' });
      this.metrics.ledgerErrors.inc({ transaction, code });
      if (error instanceof LedgerError && error.refusedAccess !== undefined && transaction !== RECORD_REFUSAL) {
        await this.recordRefusal(error.refusedAccess, context, transaction);
      }
      throw error;
    }
  }
}
