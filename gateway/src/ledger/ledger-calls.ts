import { LedgerError, type LedgerClient } from './ledger-port';
import type { Principal } from '../identity/principals/principal';
import type { RestMetrics } from '../api/metrics';

/**
 * The ledger as the REST resources use it: JSON in and out, every call timed and every failure
 * counted by transaction and error code (Prometheus, api/metrics.ts).
 */
export class LedgerCalls implements LedgerClient {
  constructor(
    private readonly inner: LedgerClient,
    private readonly metrics: RestMetrics,
  ) {}

  async evaluateJson<T>(principal: Principal, fn: string, args: string[] = []): Promise<T> {
    return JSON.parse(await this.evaluate(principal, fn, args)) as T;
  }

  async submitJson<T>(principal: Principal, fn: string, args: string[] = [], transient?: Record<string, string>): Promise<T> {
    return JSON.parse((await this.submit(principal, fn, args, transient)).payload) as T;
  }

  submit(principal: Principal, fn: string, args?: string[], transient?: Record<string, string>): Promise<{ txId: string; payload: string }> {
    return this.timed(fn, 'submit', () => this.inner.submit(principal, fn, args, transient));
  }

  evaluate(principal: Principal, fn: string, args?: string[]): Promise<string> {
    return this.timed(fn, 'evaluate', () => this.inner.evaluate(principal, fn, args));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async timed<T>(transaction: string, kind: 'submit' | 'evaluate', call: () => Promise<T>): Promise<T> {
    const stop = this.metrics.ledgerDuration.startTimer({ transaction, kind });
    try {
      const result = await call();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      const code = error instanceof LedgerError ? error.code : 'UNEXPECTED';
      stop({ outcome: 'error' });
      this.metrics.ledgerErrors.inc({ transaction, code });
      throw error;
    }
  }
}
