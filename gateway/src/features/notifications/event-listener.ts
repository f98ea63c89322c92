import type { Clock } from '../../platform/clock';
import { routeEvent, type RoutedEvent } from './event-router';
import { checkpointAt, type ChaincodeEventSource, type EventSubscription, type LedgerEvent } from '../../ledger/ledger-events';
import type { NotificationDraft } from './notification';
import type { NotificationHub } from './notification-hub';
import type { NotificationStore } from './notification-store';

export interface ListenerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface EventListenerOptions {
  source: ChaincodeEventSource;
  store: NotificationStore;
  hub: NotificationHub;
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

  start(): void {
    if (this.#running) {
      return;
    }
    this.#running = true;
    this.#subscribe();
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
  handle(event: LedgerEvent): Promise<void> {
    const { store, clock, name, perPrincipal } = this.#options;
    const now = clock();
    const stored = store.transaction(() => {
      const routed = routeEvent(event, (objectId) => store.patientOf(objectId));
      remember(store, routed);
      const notifications = store.insert(draftsOf(store, routed, event, now), now, perPrincipal);
      store.saveCheckpoint(name, { blockNumber: event.blockNumber, transactionId: event.transactionId }, now);
      return notifications;
    });
    this.#handled += 1;
    this.#options.hub.publish(stored);
    return Promise.resolve();
  }

  #subscribe(): void {
    const { source, store, name, logger } = this.#options;
    const position = store.checkpoint(name);
    logger.info({ source: source.description, blockNumber: position?.blockNumber.toString(), txId: position?.transactionId }, 'listening for chaincode events');
    const subscription = source.subscribe(checkpointAt(position), (event) => this.handle(event));
    this.#subscription = subscription;
    subscription.ended.then(
      () => { this.#ended(subscription, undefined); },
      (error: unknown) => { this.#ended(subscription, error); },
    );
  }

  #ended(subscription: EventSubscription, error: unknown): void {
    if (!this.#running || this.#subscription !== subscription) {
      return;
    }
    this.#options.logger.warn({ err: error, retryInMs: this.#options.retryMs }, 'chaincode event stream ended; resuming from the checkpoint');
    this.#retry = setTimeout(() => {
      if (this.#running) {
        this.#subscribe();
      }
    }, this.#options.retryMs);
    this.#retry.unref();
  }
}

function remember(store: NotificationStore, routed: RoutedEvent): void {
  for (const [objectId, patientId] of routed.subjects) {
    store.rememberPatient(objectId, patientId);
  }
  if (routed.watch !== undefined) {
    store.watchGrant(routed.watch);
  }
  if (routed.unwatch !== undefined) {
    store.unwatchGrant(routed.unwatch);
  }
}

function draftsOf(store: NotificationStore, routed: RoutedEvent, event: LedgerEvent, now: Date): NotificationDraft[] {
  const principals = store.principalsOf(routed.notices.flatMap((notice) => notice.stakeholderIds));
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
