import { Client, type Notification, type Pool } from 'pg';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;

export interface PostgresChannelOptions {
  /** The channel's name: a plain identifier (it is written into LISTEN unquoted). */
  channel: string;
  /** Called with every payload published on the channel, by any process on the database (this one too). */
  onMessage: (payload: string) => void;
  /** The listening connection failed; it reconnects after `retryMs`. The error only, never the URL. */
  onError?: (error: Error) => void;
  /** Called each time the connection listens again after a failure: messages sent meanwhile were missed. */
  onResumed?: () => void;
  retryMs?: number;
}

/**
 * A LISTEN/NOTIFY channel between the gateways that share one database. Publishing is pg_notify on
 * any pooled connection (delivered when its transaction commits); listening needs a connection of
 * its own, held open for as long as the channel is, and opened again when it fails. NOTIFY is not
 * durable: a gateway that was disconnected has missed what was sent meanwhile, so onResumed lets
 * it catch up from the tables.
 */
export class PostgresChannel {
  readonly #url: string;
  readonly #options: Required<Omit<PostgresChannelOptions, 'onError' | 'onResumed'>> & Pick<PostgresChannelOptions, 'onError' | 'onResumed'>;
  #client: Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(url: string, options: PostgresChannelOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) {
      throw new Error(`channel name must be a lower-case identifier, got ${options.channel}`);
    }
    this.#url = url;
    this.#options = { retryMs: 1000, ...options };
  }

  /** Listens on the channel before it returns, so nothing published after it resolves is missed. */
  static async listen(url: string, options: PostgresChannelOptions): Promise<PostgresChannel> {
    const channel = new PostgresChannel(url, options);
    await channel.#connect();
    return channel;
  }

  /** Sends `payload` to every listener on the database, this process's included. */
  static async publish(pool: Pick<Pool, 'query'>, channel: string, payload: string): Promise<void> {
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw new Error(`a NOTIFY payload is at most ${MAX_PAYLOAD_BYTES} bytes, this one has ${Buffer.byteLength(payload)}`);
    }
    await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** True while the listening connection is up. */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new Client({ connectionString: this.#url });
    client.on('notification', (message: Notification) => {
      if (message.channel === this.#options.channel && message.payload !== undefined) {
        this.#options.onMessage(message.payload);
      }
    });
    // 'error' and 'end' both mean the connection is gone (a server restart, a network cut).
    client.on('error', (error) => {
      this.#lost(client, error);
    });
    client.on('end', () => {
      this.#lost(client, new Error('the listening connection ended'));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.#options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
  }

  #lost(client: Client, error: Error): void {
    if (this.#client !== client || this.#closed) {
      return;
    }
    this.#client = undefined;
    client.end().catch(() => undefined);
    this.#options.onError?.(error);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.#retry = setTimeout(() => {
      this.#connect().then(
        () => {
          if (!this.#closed) this.#options.onResumed?.();
        },
        (error: unknown) => {
          this.#options.onError?.(error instanceof Error ? error : new Error(String(error)));
          if (!this.#closed) this.#scheduleReconnect();
        },
      );
    }, this.#options.retryMs);
    this.#retry.unref();
  }
}
