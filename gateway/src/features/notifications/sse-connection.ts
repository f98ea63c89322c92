import type { Response } from 'express';
import type { NotificationSink } from './notification-hub';
import type { StoredNotification } from './notification';

export interface SseOptions {
  /** A comment line this often keeps proxies from closing an idle stream; the credential is re-verified at each one. */
  heartbeatMs: number;
  /** A stream ends after this long even if its credential still verifies; the client reconnects with Last-Event-ID. */
  maxLifetimeMs: number;
  /** Concurrent streams per principal; opening one more drops the oldest. */
  maxStreamsPerPrincipal: number;
  /** Bytes written but not yet taken by the socket; beyond this the client is too slow and is dropped. */
  maxBufferedBytes: number;
  /** The reconnection delay suggested to EventSource clients. */
  retryMs: number;
}

export const DEFAULT_SSE: SseOptions = { heartbeatMs: 15_000, maxLifetimeMs: 60 * 60_000, maxStreamsPerPrincipal: 5, maxBufferedBytes: 256 * 1024, retryMs: 3_000 };

/** Why a stream ended: the client left, was too slow, the server stops, a newer stream of the principal replaced it, its credential no longer verifies, or it reached its maximum lifetime. */
export type SseEndReason = 'closed' | 'slow' | 'shutdown' | 'replaced' | 'revoked' | 'lifetime';

/**
 * One Server-Sent Events response: `id:` is the notification ID (clients resume with
 * Last-Event-ID), `event:` its type, `data:` its JSON body; a comment line every heartbeatMs keeps
 * proxies from closing an idle stream. A client that does not read is dropped once its buffer
 * exceeds maxBufferedBytes; it resumes from its last ID when it reconnects.
 *
 * The caller authenticated once, when the stream opened; a token revoked, an account removed or a
 * session expired since must not keep receiving. So stillValid() is asked at every heartbeat, and
 * the stream ends (reason 'revoked') the first time it says no: the client's reconnection then
 * meets the 401. Every stream also ends after maxLifetimeMs.
 */
export class SseConnection implements NotificationSink {
  readonly #res: Response;
  readonly #options: SseOptions;
  readonly #onEnd: (reason: SseEndReason) => void;
  readonly #stillValid: () => Promise<boolean>;
  #timer: NodeJS.Timeout | undefined;
  #lifetime: NodeJS.Timeout | undefined;
  #ended = false;

  constructor(res: Response, options: SseOptions, stillValid: () => Promise<boolean>, onEnd: (reason: SseEndReason) => void) {
    this.#res = res;
    this.#options = options;
    this.#stillValid = stillValid;
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
    res.on('close', () => { this.#end('closed'); });
    this.#write(`retry: ${this.#options.retryMs}\n\n`);
    this.#timer = setInterval(() => { this.#heartbeat(); }, this.#options.heartbeatMs);
    this.#timer.unref();
    this.#lifetime = setTimeout(() => { this.close('lifetime'); }, this.#options.maxLifetimeMs);
    this.#lifetime.unref();
  }

  send(notification: StoredNotification): void {
    this.#write(`id: ${notification.id}\nevent: ${notification.body.type}\ndata: ${JSON.stringify(notification.body)}\n\n`);
  }

  /** Ends the stream (server shutdown by default); the client reconnects later with its Last-Event-ID. */
  close(reason: 'shutdown' | 'replaced' | 'revoked' | 'lifetime' = 'shutdown'): void {
    if (!this.#ended) {
      this.#res.end();
      this.#end(reason);
    }
  }

  /** A check that fails (rejects) ends the stream like a refusal: never keep it open unverified. */
  #heartbeat(): void {
    this.#stillValid().then(
      (valid) => {
        if (valid) {
          this.#write(': heartbeat\n\n');
        } else {
          this.close('revoked');
        }
      },
      () => { this.close('revoked'); },
    );
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

  #end(reason: SseEndReason): void {
    if (this.#ended) {
      return;
    }
    this.#ended = true;
    clearInterval(this.#timer);
    clearTimeout(this.#lifetime);
    this.#onEnd(reason);
  }
}
