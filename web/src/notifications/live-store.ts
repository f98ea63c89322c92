import { useSyncExternalStore } from 'react';
import type { components } from '../api/generated/schema';

type NotificationType = components['schemas']['Notification']['type'];

/**
 * The stream names each event by its type (`event: order.updated`), so EventSource's onmessage
 * never fires: the portal listens to every type. Checked both ways against the API's schema, so a
 * type the gateway adds breaks the build instead of going unheard.
 */
export const NOTIFICATION_TYPES = [
  'consent.granted',
  'consent.revoked',
  'consent.expiring',
  'data.accessed',
  'access.refused-repeatedly',
  'break-glass.used',
  'access-request.created',
  'access-request.denied',
  'delegation.granted',
  'delegation.revoked',
  'appointment.updated',
  'order.updated',
  'service-request.updated',
  'prescription.updated',
  'record.updated',
  'insurance-application.updated',
  'insurance.decided',
  'claim.updated',
  'claim.decided',
  'claim.paid',
  'stakeholder.updated',
] as const satisfies readonly NotificationType[];
type Unheard = Exclude<NotificationType, (typeof NOTIFICATION_TYPES)[number]>;
/** Fails to compile, naming the type, when the API has a notification type this list lacks. */
export const EVERY_TYPE_HEARD: [Unheard] extends [never] ? true : Unheard = true;

/** The stream of GET /me/notifications/stream (gateway/src/features/notifications/notification-operations.ts). */
const STREAM_PATH = '/me/notifications/stream';
/** The gateway keeps the last 200 per principal; the portal keeps no more than that either. */
const KEEP = 200;
/**
 * The gateway keeps at most 5 streams per person and closes the oldest when a sixth opens. With more
 * portal tabs than that, each reconnection would close another tab's stream, round and round; a tab
 * whose stream drops this often within a minute stops instead (its page says so).
 */
const MAX_DROPS_PER_MINUTE = 3;

/** One notification as the stream sends it: `id:` the ID, `data:` this body (the gateway's Notification schema). */
export interface LiveNotification {
  id: number;
  type: NotificationType;
  priority: 'high' | 'normal';
  at: string;
  subject: Readonly<Record<string, string | number>>;
}

export type StreamStatus = 'connecting' | 'open' | 'stopped';

export interface LiveState {
  status: StreamStatus;
  /** Newest first: the backlog the gateway replays, then live ones. */
  items: readonly LiveNotification[];
  /** Notifications recorded since this tab opened the stream and not yet looked at on the notifications page. */
  unseen: number;
}

function isNotification(value: unknown): value is Omit<LiveNotification, 'id'> {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (NOTIFICATION_TYPES as readonly unknown[]).includes(body['type']) && typeof body['at'] === 'string' && typeof body['subject'] === 'object' && body['subject'] !== null;
}

/**
 * One EventSource per tab, shared by the header's badge and the notifications page. The session
 * cookie authenticates it (same origin, so EventSource sends it). The first connection asks for the
 * backlog (lastEventId=0); EventSource's own reconnections send Last-Event-ID, which the gateway
 * prefers, so nothing is missed or repeated. In memory only: nothing goes to localStorage.
 */
class LiveNotificationsStore {
  #state: LiveState = { status: 'stopped', items: [], unseen: 0 };
  readonly #listeners = new Set<() => void>();
  #source: EventSource | undefined;
  #users = 0;
  /** When this tab first connected: a notification recorded earlier is history, not "new". */
  #since = 0;
  /** While the notifications page is open, arrivals are seen at once. */
  #watching = 0;
  /** When the stream dropped lately (see MAX_DROPS_PER_MINUTE). */
  #drops: number[] = [];

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly snapshot = (): LiveState => this.#state;

  /** Starts the stream for a component that shows it; stops when the last one leaves. */
  use(): () => void {
    this.#users += 1;
    if (this.#users === 1) this.#connect();
    return () => {
      this.#users -= 1;
      if (this.#users === 0) this.#disconnect();
    };
  }

  /** The notifications page is open: everything shown there counts as seen. */
  watch(): () => void {
    this.#watching += 1;
    this.#set({ unseen: 0 });
    return () => {
      this.#watching -= 1;
    };
  }

  #connect(): void {
    if (this.#since === 0) this.#since = Date.now();
    const lastId = this.#state.items[0]?.id ?? 0;
    const source = new EventSource(`${STREAM_PATH}?lastEventId=${String(lastId)}`, { withCredentials: true });
    this.#source = source;
    this.#set({ status: 'connecting' });
    source.onopen = () => {
      this.#set({ status: 'open' });
    };
    source.onerror = () => {
      // CONNECTING: EventSource reconnects by itself (with Last-Event-ID). CLOSED: the gateway refused
      // (the session ended); reconnecting would only be refused again, so the portal stops quietly.
      // Only an open stream that drops counts: a gateway restarting refuses connections, it drops none.
      const now = Date.now();
      if (this.#state.status === 'open') this.#drops = [...this.#drops.filter((at) => now - at < 60_000), now];
      if (source.readyState === EventSource.CLOSED || this.#drops.length >= MAX_DROPS_PER_MINUTE) {
        source.close();
        this.#set({ status: 'stopped' });
      } else {
        this.#set({ status: 'connecting' });
      }
    };
    const receive = (event: MessageEvent) => {
      this.#receive(event);
    };
    for (const type of NOTIFICATION_TYPES) source.addEventListener(type, receive);
  }

  #disconnect(): void {
    this.#source?.close();
    this.#source = undefined;
    this.#set({ status: 'stopped' });
  }

  #receive(event: MessageEvent): void {
    const id = Number(event.lastEventId);
    let body: unknown;
    try {
      body = JSON.parse(String(event.data));
    } catch {
      return;
    }
    if (!Number.isSafeInteger(id) || !isNotification(body) || this.#state.items.some((item) => item.id === id)) return;
    const notification: LiveNotification = { id, type: body.type, priority: body.priority === 'high' ? 'high' : 'normal', at: body.at, subject: body.subject };
    const isNew = this.#watching === 0 && Date.parse(notification.at) >= this.#since;
    const items = [notification, ...this.#state.items].sort((a, b) => b.id - a.id).slice(0, KEEP);
    this.#set({ items, unseen: this.#state.unseen + (isNew ? 1 : 0) });
  }

  #set(change: Partial<LiveState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }
}

export const liveNotifications = new LiveNotificationsStore();

export function useLiveNotifications(): LiveState {
  return useSyncExternalStore(liveNotifications.subscribe, liveNotifications.snapshot);
}
