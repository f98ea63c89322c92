/**
 * A FIFO of byte buffers that hands out exact-size slices without concatenating everything it
 * holds, so a stream transform keeps at most about one chunk of unprocessed input.
 */
export class ByteQueue {
  #parts: Buffer[] = [];
  #offset = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(bytes: Buffer): void {
    if (bytes.length > 0) {
      this.#parts.push(bytes);
      this.#length += bytes.length;
    }
  }

  /** Removes and returns the next `count` bytes (count <= length). */
  take(count: number): Buffer {
    if (count > this.#length) {
      throw new RangeError(`cannot take ${count} bytes from a queue of ${this.#length}`);
    }
    const first = this.#parts[0];
    if (first !== undefined && first.length - this.#offset >= count) {
      const slice = first.subarray(this.#offset, this.#offset + count);
      this.#advance(first, count);
      return slice;
    }
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const part = this.#parts[0] as Buffer;
      const n = Math.min(part.length - this.#offset, count - filled);
      part.copy(out, filled, this.#offset, this.#offset + n);
      filled += n;
      this.#advance(part, n);
    }
    return out;
  }

  takeAll(): Buffer {
    return this.take(this.#length);
  }

  #advance(part: Buffer, count: number): void {
    this.#offset += count;
    this.#length -= count;
    if (this.#offset === part.length) {
      this.#parts.shift();
      this.#offset = 0;
    }
  }
}
