import type { Clock } from '../../platform/clock';
import { routeEvent, type RoutedEvent } from './event-router';
import { checkpointAt, type ChaincodeEventSource, type EventPosition, type EventSubscription, type LedgerEvent } from '../../ledger/ledger-events';
import type { NotificationDraft } from './notification';
import type { NotificationHub } from './notification-hub';
import type { NotificationStore, NotificationStores } from './notification-store';

export interface ListenerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface EventListenerOptions {
  source: ChaincodeEventSource;
  store: NotificationStores;
  /** Where stored notifications go: the hub, or the bus to every gateway's hub. */
  hub: Pick<NotificationHub, 'publish'>;
  clock: Clock;
  logger: ListenerLogger;
  perPrincipal: number;
  /** The checkpoint's name in the store: one listener per gateway database. */
  name?: string;
  /** Wait before subscribing again after the stream failed. */
  retryMs?: number;
}

export const LISTENER_NAME = 'chaincode-events';

/**
 * The gateway's one chaincode event listener. For each event, in one store transaction, it
 * stores the notifications the event means and then moves the checkpoint past it; only then does
 * it hand the notifications to the live streams. A crash before the commit leaves both undone and
 * the event is delivered again after the restart; after the commit it is never delivered again.
 */
export class EventListener {
  readonly #options: Required<EventListenerOptions>;
  #subscription: EventSubscription | undefined;
  #retry: NodeJS.Timeout | undefined;
  #running = false;
  #handled = 0;

  constructor(options: EventListenerOptions) {
    this.#options = { name: LISTENER_NAME, retryMs: 5_000, ...options };
  }

  get handled(): number {
    return this.#handled;
  }

  /** Resolves once it listens (from the stored checkpoint), or once a failed attempt is scheduled again. */
  start(): Promise<void> {
    if (this.#running) {
      return Promise.resolve();
    }
    this.#running = true;
    return this.#subscribe();
  }

  /** Ends the stream; the checkpoint already covers every event handled. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#retry);
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.close();
  }

  /** Processes one event, then checkpoints it (one transaction); exported for the listener's tests. */
  async handle(event: LedgerEvent): Promise<void> {
    const { store, clock, name, perPrincipal } = this.#options;
    const now = clock();
    const stored = await store.transaction(async ({ notifications }) => {
      const routed = await routeEvent(event, (objectId) => notifications.patientOf(objectId));
      await remember(notifications, routed);
      const inserted = await notifications.insert(await draftsOf(notifications, routed, event, now), now, perPrincipal);
      await notifications.saveCheckpoint(name, { blockNumber: event.blockNumber, transactionId: event.transactionId }, now);
      return inserted;
    });
    this.#handled += 1;
    this.#options.hub.publish(stored);
  }

  #subscribe(): Promise<void> {
    const { store, name } = this.#options;
    return store.notifications.checkpoint(name).then(
      (position) => { this.#subscribeAt(position); },
      (error: unknown) => { this.#ended(undefined, error); },
    );
  }

  #subscribeAt(position: EventPosition | undefined): void {
    if (!this.#running) {
      return;
    }
    const { source, logger } = this.#options;
    logger.info({ source: source.description, blockNumber: position?.blockNumber.toString(), txId: position?.transactionId }, 'listening for chaincode events');
    const subscription = source.subscribe(checkpointAt(position), (event) => this.handle(event));
    this.#subscription = subscription;
    subscription.ended.then(
      () => { this.#ended(subscription, undefined); },
      (error: unknown) => { this.#ended(subscription, error); },
    );
  }

  /** The stream ended (or, without a subscription, the checkpoint could not be read): subscribe again later. */
  #ended(subscription: EventSubscription | undefined, error: unknown): void {
    if (!this.#running || this.#subscription !== subscription) {
      return;
    }
    this.#options.logger.warn({ err: error, retryInMs: this.#options.retryMs }, 'chaincode event stream ended; resuming from the checkpoint');
    this.#retry = setTimeout(() => {
      if (this.#running) {
        void this.#subscribe();
      }
    }, this.#options.retryMs);
    this.#retry.unref();
  }
}

async function remember(store: NotificationStore, routed: RoutedEvent): Promise<void> {
  for (const [objectId, patientId] of routed.subjects) {
    await store.rememberPatient(objectId, patientId);
  }
  if (routed.watch !== undefined) {
    await store.watchGrant(routed.watch);
  }
  if (routed.unwatch !== undefined) {
    await store.unwatchGrant(routed.unwatch);
  }
}

async function draftsOf(store: NotificationStore, routed: RoutedEvent, event: LedgerEvent, now: Date): Promise<NotificationDraft[]> {
  const principals = await store.principalsOf(routed.notices.flatMap((notice) => notice.stakeholderIds));
  return routed.notices.flatMap((notice) =>
    notice.stakeholderIds.flatMap((stakeholderId) => {
      const principalId = principals.get(stakeholderId);
      if (principalId === undefined) {
        return [];
      }
      return [
        {
          principalId,
          body: {
            type: notice.type,
            priority: notice.priority,
            at: now.toISOString(),
            event: { name: event.eventName, txId: event.transactionId, blockNumber: event.blockNumber.toString() },
            subject: routed.subject,
          },
        },
      ];
    }),
  );
}
