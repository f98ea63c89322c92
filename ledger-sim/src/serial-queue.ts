/**
 * Runs tasks one at a time in arrival order. The ledger runs every transaction alone, so a
 * simulation never sees a commit half-way and needs no MVCC check: the outcome is that of
 * Fabric with the transactions ordered one per block.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // the next task waits for this one to settle, whether it succeeded or not
    this.tail = result.catch(() => undefined);
    return result;
  }
}
