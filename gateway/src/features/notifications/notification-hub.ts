import type { StoredNotification } from './notification';

/** A live connection of one principal (an SSE stream). */
export interface NotificationSink {
  send(notification: StoredNotification): void;
  /** 'replaced': a newer connection of the same principal took its place. */
  close(reason?: 'shutdown' | 'replaced'): void;
}

/**
 * Fans each stored notification out to the live connections of its principal, and only theirs. At
 * most maxPerPrincipal connections per principal: adding one more closes the oldest, so a leaked
 * or stolen credential cannot pin an unbounded number of open responses.
 */
export class NotificationHub {
  readonly #sinks = new Map<string, Set<NotificationSink>>();
  readonly #maxPerPrincipal: number;

  constructor(maxPerPrincipal = Number.POSITIVE_INFINITY) {
    this.#maxPerPrincipal = maxPerPrincipal;
  }

  /** Returns the function that removes the sink. */
  add(principalId: string, sink: NotificationSink): () => void {
    let sinks = this.#sinks.get(principalId);
    if (sinks === undefined) {
      sinks = new Set();
      this.#sinks.set(principalId, sinks);
    }
    // A Set iterates in insertion order: the first is the oldest.
    for (const oldest of [...sinks].slice(0, Math.max(0, sinks.size + 1 - this.#maxPerPrincipal))) {
      sinks.delete(oldest);
      oldest.close('replaced');
    }
    sinks.add(sink);
    return () => {
      const current = this.#sinks.get(principalId);
      current?.delete(sink);
      if (current?.size === 0) {
        this.#sinks.delete(principalId);
      }
    };
  }

  publish(notifications: readonly StoredNotification[]): void {
    for (const notification of notifications) {
      for (const sink of [...(this.#sinks.get(notification.principalId) ?? [])]) {
        sink.send(notification);
      }
    }
  }

  connections(principalId?: string): number {
    if (principalId !== undefined) {
      return this.#sinks.get(principalId)?.size ?? 0;
    }
    return [...this.#sinks.values()].reduce((total, sinks) => total + sinks.size, 0);
  }

  /** Ends every connection (shutdown). */
  closeAll(): void {
    for (const sinks of [...this.#sinks.values()]) {
      for (const sink of [...sinks]) {
        sink.close();
      }
    }
    this.#sinks.clear();
  }
}
