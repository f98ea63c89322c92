import { randomBytes } from 'node:crypto';
import type { MemoryLedger } from '@medledger/ledger-sim';
import type { Principal } from '../../identity/principals/principal';
import type { EmbeddedIdentities } from './embedded-identities';
import { simulatorFailure } from './simulator-failure';
import type { LedgerClient, LedgerLogger } from '../ledger-port';

/**
 * The LedgerClient on the embedded ledger: the real contracts in-process. Each principal calls
 * with its own simulated identity, and refusals become the same LedgerErrors as on Fabric.
 */
export class EmbeddedLedgerClient implements LedgerClient {
  constructor(
    private readonly ledger: Pick<MemoryLedger, 'submit' | 'evaluate'>,
    private readonly identities: EmbeddedIdentities,
    private readonly logger: LedgerLogger,
  ) {}

  async submit(principal: Principal, fn: string, args: string[] = [], transient?: Record<string, string>): Promise<{ txId: string; payload: string }> {
    const identity = this.identities.identityOf(principal);
    try {
      const result = await this.ledger.submit(identity, fn, args, transient === undefined ? {} : { transient });
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
