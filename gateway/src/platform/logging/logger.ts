import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { redacted, redactedFields } from './redaction';
import { requestSerializer, responseSerializer } from './serializers';

/** Bytes of log lines gathered before one write, and the longest a line waits for its write. */
export const LOG_BUFFER = { bytes: 8 * 1024, flushMs: 1000 } as const;

/**
 * Standard output (or another file descriptor), buffered: lines are written together once 8 KB have gathered, or after a second.
 * A write per line (synchronous or not) cost the gateway a quarter of its CPU under load (issue
 * 13's profile), as each is a system call. The price: what a crash that kills the process outright
 * (SIGKILL, out of memory) leaves in the buffer, at most a second of lines, is lost; on an ordinary
 * exit, an uncaught error included, pino writes the buffer out first.
 */
export function bufferedOutput(fd = 1): DestinationStream {
  return pino.destination({ dest: fd, sync: false, minLength: LOG_BUFFER.bytes, periodicFlush: LOG_BUFFER.flushMs });
}

/** The gateway's root logger: JSON lines, credentials redacted, on standard output unless a test passes a destination to read. */
export function createLogger(level: Level | 'silent', destination: DestinationStream = bufferedOutput()): Logger {
  const options = {
    level,
    base: { service: 'medledger-gateway' },
    // what is logged by hand, and a child logger's bindings, are masked before pino serializes them;
    // errors after pino's err serializer has made them plain (it reads message and stack, which a copy would lose)
    formatters: { log: withoutSecrets, bindings: withoutSecrets },
    serializers: { req: requestSerializer, res: responseSerializer, err: (error: unknown) => redacted(pino.stdSerializers.err(error as Error)) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, destination);
}

/** Fields whose serializer makes them safe on its own: `req` and `res` keep an allow-list (serializers.ts, on every logger), `err` is masked by its serializer. */
const SERIALIZED_FIELDS: ReadonlySet<string> = new Set(['req', 'res', 'err']);

function withoutSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  return redactedFields(fields, SERIALIZED_FIELDS);
}
