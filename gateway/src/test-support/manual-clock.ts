import type { Clock } from '../platform/clock';

/** A clock tests move by hand, to cross idle and absolute timeouts and expiries without waiting. */
export class ManualClock {
  private current: number;

  /** Starts at the real time, so libraries that read the wall clock (SAML) agree with the store. */
  constructor(start = new Date()) {
    this.current = start.getTime();
  }

  readonly now: Clock = () => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
