import type { Pool } from 'pg';
import { MAX_PAYLOAD_BYTES, PostgresChannel } from '../../platform/database/postgres-channel';
import type { StoredNotification } from './notification';
import type { NotificationStore } from './notification-store';
import type { NotificationBus } from './replicas';

/** The channel every gateway on the database listens on. */
export const NOTIFICATION_CHANNEL = 'medledger_notifications';

/** What one NOTIFY carries: the stored notification, or only its keys when it is too large for NOTIFY (read back from the table). */
type Message = { notification: StoredNotification } | { principalId: string; id: number };

export interface PostgresNotificationBusOptions {
  url: string;
  pool: Pool;
  /** Where a receiver reads a notification that was announced by its keys. */
  store: NotificationStore;
  onError?: (error: Error) => void;
}

/**
 * Stored notifications fanned out to every gateway on one PostgreSQL database over LISTEN/NOTIFY,
 * so a client's live stream gets them whichever gateway it is connected to. Not durable: a gateway
 * whose listening connection was down missed what was sent meanwhile; its clients catch up from the
 * backlog when they reconnect with Last-Event-ID, as after any interruption.
 */
export class PostgresNotificationBus implements NotificationBus {
  readonly #options: PostgresNotificationBusOptions;

  constructor(options: PostgresNotificationBusOptions) {
    this.#options = options;
  }

  async publish(notifications: readonly StoredNotification[]): Promise<void> {
    for (const notification of notifications) {
      const whole = JSON.stringify({ notification } satisfies Message);
      const payload = Buffer.byteLength(whole) <= MAX_PAYLOAD_BYTES ? whole : JSON.stringify({ principalId: notification.principalId, id: notification.id } satisfies Message);
      await PostgresChannel.publish(this.#options.pool, NOTIFICATION_CHANNEL, payload);
    }
  }

  async subscribe(deliver: (notifications: readonly StoredNotification[]) => void): Promise<() => Promise<void>> {
    const channel = await PostgresChannel.listen(this.#options.url, {
      channel: NOTIFICATION_CHANNEL,
      onMessage: (payload) => {
        this.#received(payload).then(
          (notification) => {
            if (notification !== undefined) deliver([notification]);
          },
          (error: unknown) => this.#options.onError?.(error instanceof Error ? error : new Error(String(error))),
        );
      },
      ...(this.#options.onError === undefined ? {} : { onError: this.#options.onError }),
    });
    return () => channel.close();
  }

  async #received(payload: string): Promise<StoredNotification | undefined> {
    const message = JSON.parse(payload) as Message;
    if ('notification' in message) {
      return message.notification;
    }
    const [stored] = await this.#options.store.after(message.principalId, message.id - 1, 1);
    return stored?.id === message.id ? stored : undefined;
  }
}
