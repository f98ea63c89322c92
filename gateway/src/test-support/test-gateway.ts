import type { Express } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createApp } from '../app';
import type { SamlLogin } from '../identity/saml/types';
import type { SigningIdentity } from '../identity/dev-idp/signing-identity';
import { SESSION_COOKIE, sessionCookieSettings } from '../identity/sessions/session-cookie';
import { loadConfig, type Config } from '../config';
import type { Logger } from 'pino';
import { createLogger } from '../platform/logging/logger';
import type { Clock } from '../platform/clock';
import type { Principal } from '../identity/principals/principal';
import type { GatewayStore } from '../wiring/gateway-store';
import { openSqliteStore } from '../wiring/sqlite-store';
import { embeddedBackend } from '../ledger/embedded/embedded-backend';
import { fabricBackend } from '../ledger/fabric/fabric-backend';
import type { LedgerBackend } from '../ledger/ledger-backend';
import { buildServices, type GatewayServices } from '../wiring/services';
import { buildSso } from '../wiring/sso';
import { LogCapture } from './log-capture';
import { ManualClock } from './manual-clock';
import { perTest, type Lifetime } from './per-test';

export const TEST_MASTER_KEY = Buffer.alloc(32, 7);

/**
 * Which ledger a test gateway runs on: the embedded one (in-process contracts, the default and
 * what `npm test` uses), or the native Fabric network whose state is under .network (the jest
 * `integration` project sets MEDLEDGER_TEST_LEDGER=fabric in test/support/fabric-ledger.ts).
 */
export type TestLedger = 'embedded' | 'fabric';

export function ledgerUnderTest(): TestLedger {
  return process.env.MEDLEDGER_TEST_LEDGER === 'fabric' ? 'fabric' : 'embedded';
}

/**
 * The MEDLEDGER_* variables that reach the native network. The integration project's setup file
 * (test/support/fabric-ledger.ts, which knows where the network is) hands them over as JSON.
 */
export function fabricTestEnvironment(): Record<string, string> {
  const handedOver = process.env.MEDLEDGER_TEST_FABRIC_ENVIRONMENT;
  if (handedOver === undefined) {
    throw new Error('a Fabric test gateway needs MEDLEDGER_TEST_FABRIC_ENVIRONMENT: run it in the integration project, whose setup (test/support/fabric-ledger.ts) sets it');
  }
  return z.record(z.string(), z.string()).parse(JSON.parse(handedOver));
}

/** A test in the integration project that built an embedded gateway would pass without touching the network: refuse. */
export function refuseEmbeddedUnderFabric(): void {
  if (ledgerUnderTest() === 'fabric') {
    throw new Error('MEDLEDGER_TEST_LEDGER=fabric but this test built an embedded gateway: pass { ledger: ledgerUnderTest() }, or keep the file out of the integration project');
  }
}

/** The gateway's clock in tests: a ManualClock on the embedded ledger, the wall clock on Fabric. */
export interface TestClock {
  readonly now: Clock;
  advance(ms: number): void;
}

/**
 * On Fabric a transaction's time is the wall clock of the client that proposed it, so the
 * gateway's clock cannot be moved without the ledger disagreeing. A story that moves the clock
 * runs in embedded mode only (jest.config.js lists which); calling advance here says so loudly.
 */
export class WallClock implements TestClock {
  readonly now: Clock = () => new Date();

  advance(): never {
    throw new Error('the Fabric ledger keeps wall-clock time: a test that advances the clock runs in embedded mode only (see jest.config.js)');
  }
}

export interface TestGateway {
  app: Express;
  config: Readonly<Config>;
  services: GatewayServices;
  clock: TestClock;
  logs: LogCapture;
  close(): Promise<void>;
}

/** Configuration as a developer's `npm start` would have it, plus overrides. */
export function testConfig(environment: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({ MEDLEDGER_MASTER_KEY: TEST_MASTER_KEY.toString('base64'), MEDLEDGER_LOG_LEVEL: 'info', ...environment });
}

export interface TestGatewayOptions {
  environment?: Record<string, string>;
  /** Keep the database in a file, config.databaseFile under the gateway's temporary data directory (to scan what is stored); in memory otherwise. */
  databaseOnDisk?: boolean;
  /** Mount SAML sign-in with the development IdP, as `npm start` does. */
  sso?: boolean;
  /** The embedded ledger (default) or the running native Fabric network; stories pass ledgerUnderTest(). */
  ledger?: TestLedger;
  /** Another embedded backend, made from the gateway's own parts (createLedgerClockGateway's ledger keeps the test clock). */
  backend?: (parts: BackendParts) => LedgerBackend;
  /** A store the test opened and closes itself (PostgreSQL that several test gateways share); else an SQLite store of the gateway's own. */
  store?: GatewayStore;
  /** The development IdP's key, for gateways that must trust one IdP (as replicas share a real IdP's metadata); else a new one. */
  devIdpIdentity?: SigningIdentity;
}

/** What a test's ledger backend is made from. */
export interface BackendParts {
  store: GatewayStore;
  logger: Logger;
  clock: Clock;
}

/**
 * The whole gateway on an SQLite store, with captured logs. Embedded: the in-process ledger and a
 * manual clock. Fabric: the same app in Fabric mode against the native network (every principal
 * enrolled at its org's CA on first use), the wall clock, files under a temporary data directory.
 */
export function createTestGateway({ environment = {}, databaseOnDisk = false, sso = false, ledger = 'embedded', backend: makeBackend, store: givenStore, devIdpIdentity }: TestGatewayOptions = {}): TestGateway {
  const { ledgerEnvironment, clock } = ledgerSetup(ledger);
  // Always a fresh data directory: the default (.data) is `npm start`'s, and a test gateway's key
  // vault, sealed under the test master key, left there would stop the next `npm start`.
  const dataDir = mkdtempSync(join(tmpdir(), `medledger-test-gateway-${ledger}-`));
  const config = testConfig({ ...ledgerEnvironment, MEDLEDGER_DATA_DIR: dataDir, ...environment });
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const store = givenStore ?? openSqliteStore({ clock: clock.now, ...(databaseOnDisk ? { file: config.databaseFile } : {}) });
  const parts = { store, logger, clock: clock.now };
  const backend = makeBackend?.(parts) ?? testBackend(ledger, config, parts);
  const services = buildServices({ config, logger, clock: clock.now, store, backend, masterKey: TEST_MASTER_KEY });
  return {
    app: testApp({ config, logger, services }, sso, devIdpIdentity),
    config,
    services,
    clock,
    logs,
    close: async () => {
      await services.ledger.close();
      if (givenStore === undefined) {
        await store.close();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test gateway for each test of the enclosing describe (or one for all of them), closed after
 * it: `const gateway = useTestGateway();` then `gateway.app` in the tests (per-test.ts says how).
 * Pass options for createTestGateway, or another way to make one (createLedgerClockGateway).
 */
export function useTestGateway(options: TestGatewayOptions | (() => TestGateway) = {}, lifetime: Lifetime = 'test'): TestGateway {
  const make = typeof options === 'function' ? options : () => createTestGateway(options);
  return perTest(make, (gateway) => gateway.close(), lifetime);
}

/** The app over these services, with SAML sign-in and the development IdP mounted when asked, as `npm start` does. */
function testApp(parts: { config: Readonly<Config>; logger: Logger; services: GatewayServices }, sso: boolean, devIdpIdentity?: SigningIdentity): Express {
  const routers = sso ? buildSso(parts.config, parts.services, parts.logger, sessionCookieSettings(parts.config), devIdpIdentity) : undefined;
  return createApp({ ...parts, ...(routers === undefined ? {} : { sso: routers }) });
}

/** What the ledger under test decides: how the gateway reaches it, and the clock the test keeps. */
function ledgerSetup(ledger: TestLedger): { ledgerEnvironment: Record<string, string>; clock: TestClock } {
  if (ledger === 'fabric') {
    return { ledgerEnvironment: fabricTestEnvironment(), clock: new WallClock() };
  }
  refuseEmbeddedUnderFabric();
  return { ledgerEnvironment: {}, clock: new ManualClock() };
}

/** The native network when the test asks for Fabric and the configuration reaches it; the embedded ledger otherwise. */
function testBackend(ledger: TestLedger, config: Readonly<Config>, { store, logger, clock }: BackendParts): LedgerBackend {
  return ledger === 'fabric' && config.fabric !== undefined
    ? fabricBackend({ config: config.fabric, identityRecords: store.fabricIdentities, masterKey: TEST_MASTER_KEY, logger, clock })
    : embeddedBackend({ logger });
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
  const session = await gateway.services.sessions.create(principal.id);
  return { principal, cookie: `${SESSION_COOKIE}=${session.sessionId}`, csrfToken: session.csrfToken };
}
