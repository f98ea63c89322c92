import type { ReplayGuard, RequestIdStore } from '../types';

/** In-memory ReplayGuard: same contract as the SQLite one (atomic because JavaScript is single-threaded here). */
export class MemoryReplayGuard implements ReplayGuard {
  private readonly consumed = new Map<string, number>();

  consumeOnce(assertionId: string, notOnOrAfter: Date): Promise<boolean> {
    if (this.consumed.has(assertionId)) return Promise.resolve(false);
    this.consumed.set(assertionId, notOnOrAfter.getTime());
    return Promise.resolve(true);
  }
}

export class MemoryRequestIds implements RequestIdStore {
  private readonly pending = new Map<string, number>();

  remember(requestId: string, expiresAt: Date): Promise<void> {
    if (!this.pending.has(requestId)) this.pending.set(requestId, expiresAt.getTime());
    return Promise.resolve();
  }

  consume(requestId: string): Promise<boolean> {
    const expiresAt = this.pending.get(requestId);
    this.pending.delete(requestId);
    return Promise.resolve(expiresAt !== undefined && expiresAt > Date.now());
  }

  has(requestId: string): boolean {
    return this.pending.has(requestId);
  }
}

export interface LoggedWarning {
  obj: object;
  msg: string;
}

/** A pino-compatible logger that keeps what it was told, for assertions. */
export class RecordingLogger {
  readonly warnings: LoggedWarning[] = [];

  warn(obj: object, msg: string): void {
    this.warnings.push({ obj, msg });
  }

  /** The logged refusal codes (under `refusal`: a top-level `reason` is masked as possible clinical text). */
  reasons(): unknown[] {
    return this.warnings.map((warning) => (warning.obj as { refusal?: unknown }).refusal);
  }

  clear(): void {
    this.warnings.length = 0;
  }
}
