import { randomBytes } from 'node:crypto';
import type { MemoryLedger } from '@medledger/ledger-sim';
import type { Principal } from '../../identity/principals/principal';
import type { EmbeddedIdentities } from './embedded-identities';
import { simulatorFailure } from './simulator-failure';
import type { LedgerClient, LedgerLogger, PreparedTransaction, Settlement, SubmitJournal } from '../ledger-port';

/**
 * The LedgerClient on the embedded ledger: the real contracts in-process. Each principal calls
 * with its own simulated identity, and refusals become the same LedgerErrors as on Fabric.
 *
 * A prepared transaction's envelope is its result (base64): the simulator commits in the same
 * process that endorsed, so a transaction it has not committed once earlier submits are done was
 * lost with that process, and settle reports it as never committing.
 */
export class EmbeddedLedgerClient implements LedgerClient {
  constructor(
    private readonly ledger: Pick<MemoryLedger, 'submit' | 'evaluate' | 'isCommitted'>,
    private readonly identities: EmbeddedIdentities,
    private readonly logger: LedgerLogger,
  ) {}

  async submit(principal: Principal, fn: string, args: string[] = [], transient?: Record<string, string>, journal?: SubmitJournal): Promise<{ txId: string; payload: string }> {
    const identity = this.identities.identityOf(principal);
    const onEndorsed =
      journal === undefined ? undefined : ({ txId, payload }: { txId: string; payload: string }) => journal.prepared({ txId, fn, envelope: Buffer.from(payload, 'utf8').toString('base64') });
    try {
      const result = await this.ledger.submit(identity, fn, args, { ...(transient === undefined ? {} : { transient }), ...(onEndorsed === undefined ? {} : { onEndorsed }) });
      this.logger.info({ txId: result.txId, principalId: principal.id, fn, blockNumber: result.blockNumber }, 'ledger transaction committed');
      return { txId: result.txId, payload: result.payload };
    } catch (error) {
      throw this.#failed(error, principal, fn);
    }
  }

  async evaluate(principal: Principal, fn: string, args: string[] = [], transient?: Record<string, string>): Promise<string> {
    const identity = this.identities.identityOf(principal);
    // the simulator takes a caller-chosen ID for queries, so they are logged like Fabric's
    const txId = randomBytes(32).toString('hex');
    try {
      const payload = await this.ledger.evaluate(identity, fn, args, transient === undefined ? { txId } : { txId, transient });
      this.logger.debug({ txId, principalId: principal.id, fn }, 'ledger query evaluated');
      return payload;
    } catch (error) {
      throw this.#failed(error, principal, fn);
    }
  }

  async settle(principal: Principal, transaction: PreparedTransaction): Promise<Settlement> {
    const { txId } = transaction;
    const committed = await this.ledger.isCommitted(txId);
    this.logger.info({ txId, principalId: principal.id, fn: transaction.fn, committed }, 'prepared transaction settled');
    return committed ? { committed, txId, payload: Buffer.from(transaction.envelope, 'base64').toString('utf8') } : { committed, txId };
  }

  /** The ledger belongs to the application, which snapshots and drops it; nothing to close here. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  #failed(error: unknown, principal: Principal, fn: string): unknown {
    const mapped = simulatorFailure(error);
    const { code, txId } = mapped as { code?: unknown; txId?: unknown };
    this.logger.warn({ txId, principalId: principal.id, fn, code: typeof code === 'string' ? code : 'UNEXPECTED' }, 'ledger call failed');
    return mapped;
  }
}
