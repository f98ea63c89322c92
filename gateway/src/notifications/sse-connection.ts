import type { Response } from 'express';
import type { NotificationSink } from './notification-hub';
import type { StoredNotification } from './notification';

export interface SseOptions {
  heartbeatMs: number;
  /** Bytes written but not yet taken by the socket; beyond this the client is too slow and is dropped. */
  maxBufferedBytes: number;
  /** The reconnection delay suggested to EventSource clients. */
  retryMs: number;
}

export const DEFAULT_SSE: SseOptions = { heartbeatMs: 15_000, maxBufferedBytes: 256 * 1024, retryMs: 3_000 };

/**
 * One Server-Sent Events response: `id:` is the notification ID (clients resume with
 * Last-Event-ID), `event:` its type, `data:` its JSON body; a comment line every heartbeatMs keeps
 * proxies from closing an idle stream. A client that does not read is dropped once its buffer
 * exceeds maxBufferedBytes; it resumes from its last ID when it reconnects.
 */
export class SseConnection implements NotificationSink {
  readonly #res: Response;
  readonly #options: SseOptions;
  readonly #onEnd: (reason: 'closed' | 'slow' | 'shutdown') => void;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(res: Response, options: SseOptions, onEnd: (reason: 'closed' | 'slow' | 'shutdown') => void) {
    this.#res = res;
    this.#options = options;
    this.#onEnd = onEnd;
  }

  get ended(): boolean {
    return this.#ended;
  }

  open(): void {
    const res = this.#res;
    res.status(200);
    res.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    res.on('close', () => this.#end('closed'));
    this.#write(`retry: ${this.#options.retryMs}\n\n`);
    this.#timer = setInterval(() => this.#write(': heartbeat\n\n'), this.#options.heartbeatMs);
    this.#timer.unref();
  }

  send(notification: StoredNotification): void {
    this.#write(`id: ${notification.id}\nevent: ${notification.body.type}\ndata: ${JSON.stringify(notification.body)}\n\n`);
  }

  /** Server shutdown: ends the stream; the client reconnects later with its Last-Event-ID. */
  close(): void {
    if (!this.#ended) {
      this.#res.end();
      this.#end('shutdown');
    }
  }

  #write(frame: string): void {
    if (this.#ended) {
      return;
    }
    this.#res.write(frame);
    if (this.#res.writableLength > this.#options.maxBufferedBytes) {
      this.#res.destroy();
      this.#end('slow');
    }
  }

  #end(reason: 'closed' | 'slow' | 'shutdown'): void {
    if (this.#ended) {
      return;
    }
    this.#ended = true;
    clearInterval(this.#timer);
    this.#onEnd(reason);
  }
}
