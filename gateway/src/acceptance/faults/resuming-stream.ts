import { setTimeout as sleep } from 'node:timers/promises';
import { SseClient, type SseEvent } from '../../features/notifications/test-support/sse-client';
import type { Session } from '../test-support/saml-browser';
import type { GatewayAddress } from './fault-load';

/** What a notification's data says (features/notifications/notification.ts), as far as the accounting needs. */
export interface ReceivedNotification {
  id: string;
  type: string;
  txId?: string;
  subject: Record<string, unknown>;
}

const RECONNECT_MS = 500;

/**
 * A notification stream held open through every fault, as a browser's EventSource would: when the
 * stream ends or cannot be opened (the gateway is down or moved), it reconnects to the gateway's
 * current address with Last-Event-ID, so the gateway replays what it stored meanwhile.
 */
export class ResumingStream {
  readonly received: ReceivedNotification[] = [];
  reconnects = 0;
  #client: SseClient | undefined;
  #open = true;
  readonly #done: Promise<void>;

  constructor(
    private readonly gateway: GatewayAddress,
    private readonly session: Session,
  ) {
    this.#done = this.#hold();
  }

  #closed(): boolean {
    return !this.#open;
  }

  async close(): Promise<void> {
    this.#open = false;
    this.#client?.close();
    await this.#done;
  }

  async #hold(): Promise<void> {
    while (this.#open) {
      const last = this.received.at(-1)?.id;
      try {
        const client = await SseClient.open(`${this.gateway.baseUrl}/me/notifications/stream`, { Cookie: this.session.cookie, ...(last === undefined ? {} : { 'Last-Event-ID': last }) });
        this.#client = client;
        if (client.response.statusCode === 200) await this.#drain(client);
        client.close();
      } catch {
        // the gateway is not answering: try again shortly
      }
      // close() may have run while this loop waited
      if (!this.#closed()) {
        this.reconnects += 1;
        await sleep(RECONNECT_MS);
      }
    }
  }

  /** Moves the client's events into `received` until its response ends. */
  async #drain(client: SseClient): Promise<void> {
    let taken = 0;
    const take = (): void => {
      for (const event of client.events.slice(taken)) this.#keep(event);
      taken = client.events.length;
    };
    const ended = new Promise<void>((resolve) => {
      client.response.once('close', resolve);
      client.response.once('end', resolve);
      client.response.once('error', () => { resolve(); });
    });
    while (this.#open) {
      const over = await Promise.race([ended.then(() => true), sleep(100).then(() => false)]);
      take();
      if (over) return;
    }
  }

  #keep(event: SseEvent): void {
    const data = JSON.parse(event.data) as { type?: string; event?: { txId?: string }; subject?: Record<string, unknown> };
    this.received.push({ id: event.id ?? '', type: data.type ?? event.event ?? '', ...(data.event?.txId === undefined ? {} : { txId: data.event.txId }), subject: data.subject ?? {} });
  }
}
