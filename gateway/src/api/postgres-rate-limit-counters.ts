import { windowStart, type RateLimitCounters, type WindowCount } from './rate-limit-counters';
import type { Sql } from '../platform/database/postgres-database';

/** Rate-limit windows in the database every gateway shares: one atomic upsert per hit. */
export class PostgresRateLimitCounters implements RateLimitCounters {
  constructor(private readonly sql: Sql) {}

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const start = windowStart(windowMs, now);
    const row = await this.sql.get<{ count: number }>(
      `INSERT INTO rate_limit_windows (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1 RETURNING count`,
      [key, start],
    );
    return { count: row?.count ?? 1, resetAt: start + windowMs };
  }

  async unhit(key: string, windowMs: number, now: number): Promise<void> {
    await this.sql.run('UPDATE rate_limit_windows SET count = GREATEST(count - 1, 0) WHERE key = $1 AND window_start = $2', [key, windowStart(windowMs, now)]);
  }

  /** Windows that began before `before` have ended (no limit's window is a day long). */
  purgeEnded(before: number): Promise<number> {
    return this.sql.run('DELETE FROM rate_limit_windows WHERE window_start < $1', [before]);
  }
}
