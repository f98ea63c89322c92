import { performance } from 'node:perf_hooks';
import type { RoundResult } from './statistics';

/** One call of the operation under load; resolves when it answered, rejects when it failed. */
export type Call = () => Promise<void>;

/**
 * Closed-loop load: `concurrency` callers, each sending its next call as soon as the previous one
 * answered, for `seconds`. A call still running at the end is waited for and counted (its latency
 * is real) but the rate divides by the planned length only.
 */
export async function runClosedLoop(call: Call, concurrency: number, seconds: number): Promise<RoundResult> {
  const latenciesMs: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        await call();
        latenciesMs.push(performance.now() - begin);
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  return { ok: latenciesMs.length, failed, seconds, latenciesMs, ...(firstError === undefined ? {} : { firstError }) };
}
