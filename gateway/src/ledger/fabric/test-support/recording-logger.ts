import type { LedgerLogger } from '../../ledger-port';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn';
  fields: Record<string, unknown>;
  message: string;
}

/** Keeps every entry so tests can assert what is (and is not) logged. */
export class RecordingLogger implements LedgerLogger {
  readonly entries: LogEntry[] = [];

  debug(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'debug', fields, message });
  }

  info(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'info', fields, message });
  }

  warn(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', fields, message });
  }

  /** Everything logged, as one string, to check that no secret or argument appears anywhere. */
  text(): string {
    return JSON.stringify(this.entries, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  }
}
