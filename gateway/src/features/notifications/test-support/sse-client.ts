import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** A minimal EventSource for tests: collects parsed events and comments of one stream. */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  #buffer = '';
  #waiters: (() => void)[] = [];

  private constructor(
    private readonly request: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => { this.#receive(chunk); });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => { resolve(new SseClient(request, response)); });
      request.on('error', reject);
      request.end();
    });
  }

  /** Resolves once `count` events arrived (or rejects after timeoutMs). */
  async waitFor(count: number, timeoutMs = 5_000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} events, got ${this.events.length}: ${JSON.stringify(this.events)}`);
      }
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.events;
  }

  close(): void {
    this.request.destroy();
  }

  #receive(chunk: string): void {
    this.#buffer += chunk;
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      this.#parse(frame);
      end = this.#buffer.indexOf('\n\n');
    }
    this.#waiters.splice(0).forEach((wake) => { wake(); });
  }

  #parse(frame: string): void {
    const event: SseEvent = { data: '' };
    let fields = 0;
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) {
        this.comments += 1;
      } else if (applyField(event, line)) {
        fields += 1;
      }
    }
    if (fields > 0 && (event.id !== undefined || event.data !== '')) {
      this.events.push(event);
    }
  }
}

/** Applies one `name: value` line to the event; false for a field an EventSource ignores. */
function applyField(event: SseEvent, line: string): boolean {
  const colon = line.indexOf(':');
  const name = colon < 0 ? line : line.slice(0, colon);
  const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
  if (name === 'id' || name === 'event') {
    event[name] = value;
  } else if (name === 'data') {
    event.data += value;
  } else {
    return false;
  }
  return true;
}
