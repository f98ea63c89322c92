import { contracts } from '@medledger/chaincode';
import { MemoryLedger } from '@medledger/ledger-sim';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../app';
import { RegisteringLedgerClient } from '../../ledger/embedded/registering-ledger-client';
import { createEmbeddedLedgerAccess } from '../../ledger/embedded/embedded-mode';
import { createLogger } from '../../platform/logging/logger';
import { openSqliteStore } from '../../wiring/sqlite-store';
import { LogCapture } from '../../test-support/log-capture';
import { HOUR, ManualClock } from '../../test-support/manual-clock';
import { refuseEmbeddedUnderFabric, TEST_MASTER_KEY, testConfig, type TestGateway } from '../../test-support/test-gateway';
import { buildServices } from '../../wiring/services';

/**
 * Like createTestGateway, but the embedded ledger's transaction timestamps come from the same
 * ManualClock as the gateway's, so deadlines (an appointment's start, a quote's 72 hours) can be
 * crossed with clock.advance() instead of waiting. Files are stored under a temporary directory
 * that close() removes.
 */
export function createLedgerClockGateway(environment: Record<string, string> = {}): TestGateway {
  refuseEmbeddedUnderFabric();
  const dataDir = mkdtempSync(join(tmpdir(), 'medledger-rest-'));
  const config = testConfig({ MEDLEDGER_DATA_DIR: dataDir, MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', ...environment });
  const clock = new ManualClock();
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const store = openSqliteStore({ clock: clock.now });
  const memory = new MemoryLedger({ contracts, collections: ['healthRecords'], clock: clock.now });
  const access = createEmbeddedLedgerAccess(memory, logger);
  const backend = {
    ledger: new RegisteringLedgerClient(access.ledger),
    identities: access.provisioner,
    platform: { ledger: 'embedded (test clock)', chaincodeVersion: () => Promise.resolve('test') },
  };
  const services = buildServices({ config, logger, clock: clock.now, store, backend, masterKey: TEST_MASTER_KEY });
  return {
    app: createApp({ config, logger, services }),
    config,
    services,
    clock,
    logs,
    close: async () => {
      await services.ledger.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An ISO instant this many hours after the gateway's clock, which is the ledger's clock too (the
 * manual one here, the wall clock on Fabric). Stories pass grants' validFrom explicitly: the REST
 * router's own clock is the wall clock (app.ts passes none), a little ahead of the manual one, so a
 * defaulted validFrom would not yet be valid on the ledger-clock gateway's ledger.
 */
export const later = (gateway: TestGateway, hours: number): string => new Date(gateway.clock.now().getTime() + hours * HOUR).toISOString();
