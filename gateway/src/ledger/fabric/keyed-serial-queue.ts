/**
 * Runs tasks one at a time per key (a principal), in call order; different keys run concurrently.
 * Enrollment and revocation of one principal must not interleave, or a renewal finishing after a
 * revocation would store a certificate without the revocation mark.
 */
export class KeyedSerialQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) {
        this.#tails.delete(key);
      }
    });
    return result;
  }

  get pendingKeys(): number {
    return this.#tails.size;
  }
}
