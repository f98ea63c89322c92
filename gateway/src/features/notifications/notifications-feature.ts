import type { Clock } from '../../platform/clock';
import { EventListener, type ListenerLogger } from './event-listener';
import { checkExpiringGrants } from './expiry-watch';
import type { ChaincodeEventSource } from '../../ledger/ledger-events';
import { NotificationHub } from './notification-hub';
import { DEFAULT_BACKLOG, type BacklogLimits, type NotificationStore, type NotificationStores } from './notification-store';
import { DEFAULT_SSE, type SseOptions } from './sse-connection';

export interface NotificationsOptions {
  /** Without one (no ledger events) only the stream and the expiry check run. */
  source?: ChaincodeEventSource;
  stores: NotificationStores;
  clock: Clock;
  logger: ListenerLogger;
  backlog?: BacklogLimits;
  sse?: SseOptions;
  /** How often grants are checked for expiry and the backlog trimmed by age. */
  checkIntervalMs?: number;
  retryMs?: number;
}

/** Notifications: the chaincode event listener, the expiry check, the live streams and their backlog. */
export class NotificationsFeature {
  readonly hub: NotificationHub;
  readonly store: NotificationStore;
  readonly #stores: NotificationStores;
  readonly clock: Clock;
  readonly backlog: BacklogLimits;
  readonly sse: SseOptions;
  readonly listener: EventListener | undefined;
  readonly #logger: ListenerLogger;
  readonly #checkIntervalMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: NotificationsOptions) {
    this.store = options.stores.notifications;
    this.#stores = options.stores;
    this.clock = options.clock;
    this.backlog = options.backlog ?? DEFAULT_BACKLOG;
    this.sse = options.sse ?? DEFAULT_SSE;
    this.hub = new NotificationHub(this.sse.maxStreamsPerPrincipal);
    this.#logger = options.logger;
    this.#checkIntervalMs = options.checkIntervalMs ?? 60_000;
    this.listener =
      options.source === undefined
        ? undefined
        : new EventListener({
            source: options.source,
            store: options.stores,
            hub: this.hub,
            clock: options.clock,
            logger: options.logger,
            perPrincipal: this.backlog.perPrincipal,
            ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
          });
  }

  /** Server role only: listen for chaincode events and check expiries every minute. */
  async start(): Promise<void> {
    await this.listener?.start();
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => { void this.housekeeping(); }, this.#checkIntervalMs);
      this.#timer.unref();
    }
  }

  /** "Expiring soon" notifications, then the backlog trimmed by age; errors are logged, never thrown (timer). */
  async housekeeping(): Promise<void> {
    try {
      this.hub.publish(await checkExpiringGrants(this.#stores, this.clock, this.backlog.perPrincipal));
      await this.store.prune(new Date(this.clock().getTime() - this.backlog.maxAgeMs));
    } catch (error) {
      this.#logger.error({ err: error }, 'notification housekeeping failed');
    }
  }

  /** First at shutdown: the streams to clients, then the chaincode event stream (its checkpoint is already stored). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.hub.closeAll();
    await this.listener?.stop();
  }
}
