import type { NotificationSink } from './notification-hub';
import type { StoredNotification } from './notification';

/**
 * A stream's place in the hub while its backlog is read from the store (an asynchronous read, so
 * notifications can arrive meanwhile). It joins the hub BEFORE the read, so nothing stored during
 * the read is missed; what arrives waits, then follows the backlog, and what the backlog already
 * held is not sent twice. Duplicates are recognised by ID, never by order: with several gateways
 * on one database a lower ID may commit after a higher one.
 */
export class ResumingSink implements NotificationSink {
  #waiting: StoredNotification[] | undefined = [];
  readonly #target: NotificationSink;

  constructor(target: NotificationSink) {
    this.#target = target;
  }

  send(notification: StoredNotification): void {
    if (this.#waiting === undefined) {
      this.#target.send(notification);
    } else {
      this.#waiting.push(notification);
    }
  }

  close(reason?: 'shutdown' | 'replaced'): void {
    this.#waiting = undefined;
    this.#target.close(reason);
  }

  /** Sends the backlog, then what arrived while it was read (unless the backlog held it); afterwards, passes notifications straight on. */
  resume(backlog: readonly StoredNotification[]): void {
    const waiting = this.#waiting ?? [];
    this.#waiting = undefined;
    const sent = new Set(backlog.map((notification) => notification.id));
    for (const notification of [...backlog, ...waiting.filter((notification) => !sent.has(notification.id))]) {
      this.#target.send(notification);
    }
  }
}
