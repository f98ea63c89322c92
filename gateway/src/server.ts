import './platform/logging/quiet-contract-logs';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app';
import { sessionCookieSettings } from './identity/sessions/session-cookie';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './platform/logging/logger';
import { closeGateway, openGateway } from './wiring/open-gateway';
import type { GatewayServices } from './wiring/services';
import { buildSso, DEV_IDP_MOUNT } from './wiring/sso';

const DRAIN_TIMEOUT_MS = 10_000;
const PURGE_INTERVAL_MS = 5 * 60_000;
const PERSIST_INTERVAL_MS = 10_000;

/** Starts the gateway: configuration, store, ledger, HTTP(S) listener, housekeeping, graceful shutdown. */
async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  const services = await openGateway(config, logger);
  const sso = buildSso(config, services, logger, sessionCookieSettings(config));
  const server = listen(config, createApp({ config, logger, services, ...(sso === undefined ? {} : { sso }) }));
  server.once('listening', () => {
    announce(config, services, logger, sso !== undefined);
  });
  const timers = housekeeping(config, services, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      timers.forEach(clearInterval);
      void shutdown(server, services, logger, signal);
    });
  }
}

function configOrExit(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

function listen(config: Readonly<Config>, app: Express): Server {
  const { tls, port, host } = config.http;
  const server = tls === undefined ? createHttpServer(app) : createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, app);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server.listen(port, host);
}

/** Expired sessions and SAML replay rows go every few minutes; the embedded ledger is saved when it changed. */
function housekeeping(config: Readonly<Config>, services: GatewayServices, logger: Logger): NodeJS.Timeout[] {
  const guarded = (what: string, work: () => void | Promise<void>) => () => {
    const failed = (error: unknown) => { logger.error({ err: error }, `${what} failed`); };
    try {
      Promise.resolve(work()).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  const purge = () => services.store.purgeExpired(new Date(), config.sessions.idleMs);
  const timers = [setInterval(guarded('purge', purge), PURGE_INTERVAL_MS)];
  if (services.persist !== undefined) {
    const persist = () => {
      services.persist?.();
    };
    timers.push(setInterval(guarded('saving the embedded ledger', persist), PERSIST_INTERVAL_MS));
  }
  timers.forEach((timer) => timer.unref());
  return timers;
}

function announce(config: Readonly<Config>, services: GatewayServices, logger: Logger, signIn: boolean): void {
  const url = config.http.publicUrl;
  logger.info({ url, mode: config.mode, ledger: services.platform.ledger, devIdp: config.devIdp }, 'gateway listening');
  const lines = [`MedLedger gateway (${config.mode}) on the ${services.platform.ledger}.`, `Open ${url}/ (the web portal; the API is documented at ${url}/docs)`];
  if (signIn) {
    lines.push(`Sign in: ${url}/ → Sign in${config.devIdp ? ` (the development IdP at ${url}${DEV_IDP_MOUNT} lets you pick any demo user)` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  // log lines go out in batches (logger.ts): whoever watches the start-up sees its lines now, not within the second
  logger.flush();
}

/** End the notification streams, stop accepting, let in-flight requests finish (bounded), then close the ledger client, save the embedded ledger, close the store. */
async function shutdown(server: Server, services: GatewayServices, logger: Logger, signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  // event streams first: open SSE responses would otherwise hold the drain below until it times out
  await services.notifications.stop();
  const force = setTimeout(() => {
    server.closeAllConnections();
  }, DRAIN_TIMEOUT_MS).unref();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeIdleConnections();
  });
  clearTimeout(force);
  await closeGateway(services);
  logger.info('stopped');
  logger.flush();
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
