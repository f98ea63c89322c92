import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { REDACT_PATHS, REDACTED } from './redaction';

/** The gateway's root logger: JSON lines, credentials redacted. Tests pass a destination to read the output. */
export function createLogger(level: Level | 'silent', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'medledger-gateway' },
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
