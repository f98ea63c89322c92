import type { Express } from 'express';
import { createApp } from '../app';
import type { SamlLogin } from '../auth/saml/types';
import { SESSION_COOKIE, sessionCookieSettings } from '../auth/sessions/session-cookie';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../logging/logger';
import type { Principal } from '../principals/principal';
import { openSqliteStore } from '../store/sqlite-store';
import { embeddedBackend } from '../wiring/embedded-backend';
import { buildServices, type GatewayServices } from '../wiring/services';
import { buildSso } from '../wiring/sso';
import { LogCapture } from './log-capture';
import { ManualClock } from './manual-clock';

export const TEST_MASTER_KEY = Buffer.alloc(32, 7);

export interface TestGateway {
  app: Express;
  config: Readonly<Config>;
  services: GatewayServices;
  clock: ManualClock;
  logs: LogCapture;
  close(): Promise<void>;
}

/** Configuration as a developer's `npm start` would have it, plus overrides. */
export function testConfig(environment: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({ MEDLEDGER_MASTER_KEY: TEST_MASTER_KEY.toString('base64'), MEDLEDGER_LOG_LEVEL: 'info', ...environment });
}

export interface TestGatewayOptions {
  environment?: Record<string, string>;
  /** A database file (to inspect what is stored); in memory otherwise. */
  databaseFile?: string;
  /** Mount SAML sign-in with the development IdP, as `npm start` does. */
  sso?: boolean;
}

/** The whole gateway on an SQLite store and the embedded ledger, with a manual clock and captured logs. */
export function createTestGateway({ environment = {}, databaseFile, sso = false }: TestGatewayOptions = {}): TestGateway {
  const config = testConfig(environment);
  const clock = new ManualClock();
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const store = openSqliteStore({ clock: clock.now, ...(databaseFile === undefined ? {} : { file: databaseFile }) });
  const services = buildServices({ config, logger, clock: clock.now, store, backend: embeddedBackend({ logger }), masterKey: TEST_MASTER_KEY });
  const routers = sso ? buildSso(config, services, logger, sessionCookieSettings(config)) : undefined;
  return {
    app: createApp({ config, logger, services, ...(routers === undefined ? {} : { sso: routers }) }),
    config,
    services,
    clock,
    logs,
    close: async () => {
      await services.ledger.close();
      store.close();
    },
  };
}

let people = 0;

/** A unique person for one test. */
export function samlLogin(role: SamlLogin['role'], displayName = `Test ${role}`): SamlLogin {
  people += 1;
  return { issuer: 'https://idp.test/metadata', nameId: `${role}-${people}-${Date.now()}@idp.test`, role, displayName };
}

export interface SignedIn {
  principal: Principal;
  cookie: string;
  csrfToken: string;
}

/** What the SAML login ends with: the principal onboarded and a session cookie (SAML itself is tested in auth/saml). */
export async function signIn(gateway: TestGateway, role: SamlLogin['role'] = 'patient'): Promise<SignedIn> {
  const principal = await gateway.services.principals.signIn(samlLogin(role));
  const session = gateway.services.sessions.create(principal.id);
  return { principal, cookie: `${SESSION_COOKIE}=${session.sessionId}`, csrfToken: session.csrfToken };
}
