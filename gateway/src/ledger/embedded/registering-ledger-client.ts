import { LedgerError, type LedgerClient, type PreparedTransaction, type Settlement, type SubmitJournal } from '../ledger-port';
import type { Principal } from '../../identity/principals/principal';

const REGISTER = 'Stakeholder:register';

/**
 * Embedded mode only: the gateway's database may know principals the in-memory ledger does not
 * (its snapshot was deleted, or the operator CLI onboarded an organisation on its own copy while
 * the server ran). Before a principal's first call in this process, it is registered if needed.
 */
export class RegisteringLedgerClient implements LedgerClient {
  private readonly registered = new Set<string>();

  constructor(private readonly inner: LedgerClient) {}

  async submit(principal: Principal, fn: string, args?: string[], transient?: Record<string, string>, journal?: SubmitJournal): Promise<{ txId: string; payload: string }> {
    if (fn !== REGISTER) {
      await this.ensureRegistered(principal);
    }
    const result = await this.inner.submit(principal, fn, args, transient, journal);
    this.registered.add(principal.id);
    return result;
  }

  async evaluate(principal: Principal, fn: string, args?: string[], transient?: Record<string, string>): Promise<string> {
    await this.ensureRegistered(principal);
    return this.inner.evaluate(principal, fn, args, transient);
  }

  settle(principal: Principal, transaction: PreparedTransaction): Promise<Settlement> {
    return this.inner.settle(principal, transaction);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async ensureRegistered(principal: Principal): Promise<void> {
    if (this.registered.has(principal.id)) {
      return;
    }
    try {
      await this.inner.submit(principal, REGISTER);
    } catch (error) {
      if (!(error instanceof LedgerError && error.code === 'ALREADY_EXISTS')) {
        throw error;
      }
    }
    this.registered.add(principal.id);
  }
}
