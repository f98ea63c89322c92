import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SseClient } from './sse-client';

/** An app listening on a free local port, and the SSE clients a test opened on it. */
export class StreamServer {
  readonly #clients: SseClient[] = [];
  #server: Server | undefined;
  #baseUrl = '';

  /** The listening server, for a plain request (supertest) besides the streams. */
  get server(): Server {
    if (this.#server === undefined) throw new Error('listen() first');
    return this.#server;
  }

  async listen(app: RequestListener): Promise<void> {
    const server = createServer(app);
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async connect(path: string, headers: Record<string, string>): Promise<SseClient> {
    const client = await SseClient.open(`${this.#baseUrl}${path}`, headers);
    this.#clients.push(client);
    return client;
  }

  closeClients(): void {
    this.#clients.splice(0).forEach((client) => {
      client.close();
    });
  }

  /** Drops every open connection (streams never end on their own) and stops listening. */
  async close(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  }
}
