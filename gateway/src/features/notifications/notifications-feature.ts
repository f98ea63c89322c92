import type { Clock } from '../../platform/clock';
import { EventListener, type ListenerLogger } from './event-listener';
import { checkExpiringGrants } from './expiry-watch';
import type { ChaincodeEventSource } from '../../ledger/ledger-events';
import { NotificationHub } from './notification-hub';
import { DEFAULT_BACKLOG, type BacklogLimits, type NotificationStore, type NotificationStores } from './notification-store';
import { DEFAULT_SSE, type SseOptions } from './sse-connection';
import type { StoredNotification } from './notification';
import type { NotificationReplicas } from './replicas';

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
  /** Gateways sharing the store: one listens, every one's streams get the notifications (replicas.ts). */
  replicas?: NotificationReplicas;
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
  readonly #replicas: NotificationReplicas | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** What start() opened on the replicas: the bus subscription and the lease, closed by stop(). */
  #releases: (() => Promise<void>)[] = [];

  constructor(options: NotificationsOptions) {
    this.store = options.stores.notifications;
    this.#stores = options.stores;
    this.clock = options.clock;
    this.backlog = options.backlog ?? DEFAULT_BACKLOG;
    this.sse = options.sse ?? DEFAULT_SSE;
    this.hub = new NotificationHub(this.sse.maxStreamsPerPrincipal);
    this.#logger = options.logger;
    this.#checkIntervalMs = options.checkIntervalMs ?? 60_000;
    this.#replicas = options.replicas;
    this.listener =
      options.source === undefined
        ? undefined
        : new EventListener({
            source: options.source,
            store: options.stores,
            hub: { publish: (notifications) => { this.#publish(notifications); } },
            clock: options.clock,
            logger: options.logger,
            perPrincipal: this.backlog.perPrincipal,
            ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
          });
  }

  /**
   * Server role only: listen for chaincode events and check expiries every minute. With replicas,
   * this gateway's streams follow the bus, and it listens and checks only while it holds the lease.
   */
  async start(): Promise<void> {
    if (this.#replicas === undefined) {
      await this.#lead();
      return;
    }
    if (this.#releases.length > 0) {
      return;
    }
    this.#releases.push(await this.#replicas.bus.subscribe((notifications) => { this.hub.publish(notifications); }));
    this.#releases.push(await this.#replicas.lead('chaincode-events', { start: () => this.#lead(), stop: () => this.#stopLeading() }));
  }

  async #lead(): Promise<void> {
    await this.listener?.start();
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => { void this.housekeeping(); }, this.#checkIntervalMs);
      this.#timer.unref();
    }
  }

  async #stopLeading(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.listener?.stop();
  }

  /** To this gateway's streams, or over the bus to every gateway's; a bus failure is logged (the backlog keeps them). */
  #publish(notifications: readonly StoredNotification[]): void {
    if (this.#replicas === undefined) {
      this.hub.publish(notifications);
      return;
    }
    this.#replicas.bus.publish(notifications).catch((error: unknown) => {
      this.#logger.error({ err: error }, 'notifications could not be sent to the other gateways; clients get them from the backlog when they reconnect');
    });
  }

  /** "Expiring soon" notifications, then the backlog trimmed by age; errors are logged, never thrown (timer). */
  async housekeeping(): Promise<void> {
    try {
      this.#publish(await checkExpiringGrants(this.#stores, this.clock, this.backlog.perPrincipal));
      await this.store.prune(new Date(this.clock().getTime() - this.backlog.maxAgeMs));
    } catch (error) {
      this.#logger.error({ err: error }, 'notification housekeeping failed');
    }
  }

  /** First at shutdown: the streams to clients, then the chaincode event stream (its checkpoint is already stored). */
  async stop(): Promise<void> {
    for (const release of this.#releases.splice(0).reverse()) {
      await release();
    }
    this.hub.closeAll();
    await this.#stopLeading();
  }
}
