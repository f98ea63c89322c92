/** A key's count in its current window, and when that window ends (epoch ms). */
export interface WindowCount {
  count: number;
  resetAt: number;
}

/**
 * The counters behind the rate limits, in fixed windows of `windowMs` (the window of `now` starts at
 * the multiple of windowMs at or before it). Every gateway sharing a database must share them, or a
 * client spreading its calls over N replicas gets N times its limit: a network database keeps them
 * in a table (one atomic increment per hit); the embedded SQLite gateway is a single process and
 * keeps them in memory (MemoryRateLimitCounters).
 */
export interface RateLimitCounters {
  /** Counts one hit of `key` in the window of `now`; atomic across gateways. */
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** Takes one hit of `key` back from the window of `now` (never below zero). */
  unhit(key: string, windowMs: number, now: number): Promise<void>;
}

/** The start of the fixed window of `windowMs` that holds `now`. */
export function windowStart(windowMs: number, now: number): number {
  return now - (now % windowMs);
}

/** RateLimitCounters of one process (the embedded SQLite gateway). */
export class MemoryRateLimitCounters implements RateLimitCounters {
  readonly #windows = new Map<string, { start: number; end: number; count: number }>();
  #nextSweep = 0;

  hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const start = windowStart(windowMs, now);
    const current = this.#windows.get(key);
    const window = current?.start === start ? current : { start, end: start + windowMs, count: 0 };
    window.count += 1;
    this.#windows.set(key, window);
    this.#forgetEnded(now);
    return Promise.resolve({ count: window.count, resetAt: start + windowMs });
  }

  unhit(key: string, windowMs: number, now: number): Promise<void> {
    const current = this.#windows.get(key);
    if (current?.start === windowStart(windowMs, now) && current.count > 0) {
      current.count -= 1;
    }
    return Promise.resolve();
  }

  /** Bounded memory: with many keys, drops the windows that ended (at most once a second). */
  #forgetEnded(now: number): void {
    if (this.#windows.size < 10_000 || now < this.#nextSweep) {
      return;
    }
    this.#nextSweep = now + 1_000;
    for (const [key, window] of this.#windows) {
      if (window.end <= now) {
        this.#windows.delete(key);
      }
    }
  }
}
