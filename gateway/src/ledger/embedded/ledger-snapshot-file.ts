import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LedgerSnapshot, MemoryLedger } from '@medledger/ledger-sim';
import { KeyEnvelope } from '../fabric/key-envelope';

const CONTEXT = ['medledger-embedded-ledger-snapshot'];

/**
 * The embedded ledger's state between runs: ledger-sim's JSON snapshot, sealed with AES-256-GCM
 * under a key derived from the master key (the ledger holds private data), written atomically.
 */
export class LedgerSnapshotFile {
  private readonly envelope: KeyEnvelope;
  private savedHeight = -1;

  constructor(
    readonly path: string,
    key: Uint8Array,
  ) {
    this.envelope = new KeyEnvelope(key);
  }

  /** The saved snapshot, or undefined on the first run. */
  load(): LedgerSnapshot | undefined {
    if (!existsSync(this.path)) {
      return undefined;
    }
    const sealed = readFileSync(this.path, 'utf8').trim();
    try {
      return JSON.parse(this.envelope.open(sealed, CONTEXT).toString('utf8')) as LedgerSnapshot;
    } catch (error) {
      throw new Error(`cannot open the embedded ledger snapshot ${this.path} (another master key?); move it away to start with an empty ledger`, { cause: error });
    }
  }

  /** Writes the ledger if a block was committed since the last save. */
  save(ledger: MemoryLedger): boolean {
    if (ledger.blockHeight() === this.savedHeight) {
      return false;
    }
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, this.envelope.seal(JSON.stringify(ledger.toJSON()), CONTEXT), { mode: 0o600 });
    renameSync(temporary, this.path);
    this.savedHeight = ledger.blockHeight();
    return true;
  }

  markLoaded(ledger: MemoryLedger): void {
    this.savedHeight = ledger.blockHeight();
  }
}
