import { createHash } from 'node:crypto';

/**
 * Default transaction IDs: 64 hex characters like Fabric's (a SHA-256), derived from the channel
 * and a sequence number so runs are repeatable. The sequence is saved in snapshots, so a
 * restored ledger continues it instead of reissuing IDs.
 */
export class TransactionIdSequence {
  constructor(
    private readonly channelId: string,
    private nextSequence = 0,
  ) {}

  get sequence(): number {
    return this.nextSequence;
  }

  /** Skips IDs already taken, e.g. by a caller that chose its own. */
  next(isTaken: (txId: string) => boolean): string {
    let txId: string;
    do {
      txId = createHash('sha256').update(`ledger-sim/${this.channelId}/${this.nextSequence}`).digest('hex');
      this.nextSequence += 1;
    } while (isTaken(txId));
    return txId;
  }
}
