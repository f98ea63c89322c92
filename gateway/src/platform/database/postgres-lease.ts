import { Client } from 'pg';

export interface PostgresLeaseOptions {
  /** What is led, e.g. 'chaincode-event-listener': one holder per database at a time. */
  name: string;
  /** This gateway now holds the lease: start the work only one gateway may do. */
  onAcquired: () => void;
  /** The lease is gone (its connection failed, or close()): stop that work at once. */
  onLost: () => void | Promise<void>;
  /** How often a gateway without the lease asks for it again, and retries a failed connection. */
  retryMs?: number;
  onError?: (error: Error) => void;
}

/**
 * A lease that one gateway of those sharing a database holds at a time: a session-level advisory
 * lock on a connection of its own. The server releases it when that connection ends, so a gateway
 * that dies or loses the database gives it up without anyone's help, and another that keeps asking
 * takes it over.
 */
export class PostgresLease {
  readonly #url: string;
  readonly #options: PostgresLeaseOptions & { retryMs: number };
  #client: Client | undefined;
  #held = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(url: string, options: PostgresLeaseOptions) {
    this.#url = url;
    this.#options = { retryMs: 2000, ...options };
  }

  get held(): boolean {
    return this.#held;
  }

  /** Asks for the lease now, then every retryMs until it is held. */
  async start(): Promise<void> {
    await this.#attempt();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#drop();
  }

  async #attempt(): Promise<void> {
    if (this.#closed || this.#held) return;
    try {
      const client = this.#client ?? (await this.#connect());
      const { rows } = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS acquired', [`medledger.lease.${this.#options.name}`]);
      if (rows[0]?.acquired === true) {
        this.#held = true;
        this.#options.onAcquired();
        return;
      }
    } catch (error) {
      this.#options.onError?.(error instanceof Error ? error : new Error(String(error)));
      await this.#drop();
    }
    this.#schedule();
  }

  async #connect(): Promise<Client> {
    const client = new Client({ connectionString: this.#url });
    client.on('error', (error) => {
      this.#options.onError?.(error);
      void this.#lost(client);
    });
    client.on('end', () => void this.#lost(client));
    await client.connect();
    this.#client = client;
    return client;
  }

  async #lost(client: Client): Promise<void> {
    if (this.#client !== client) return;
    await this.#drop();
    this.#schedule();
  }

  /** Ends the connection (which releases the lock) and, if the lease was held, says it is lost. */
  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    const wasHeld = this.#held;
    this.#held = false;
    await client?.end().catch(() => undefined);
    if (wasHeld) {
      await this.#options.onLost();
    }
  }

  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#attempt(), this.#options.retryMs);
    this.#timer.unref();
  }
}
