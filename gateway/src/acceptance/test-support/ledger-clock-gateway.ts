import { contracts } from '@medledger/chaincode';
import { MemoryLedger } from '@medledger/ledger-sim';
import { RegisteringLedgerClient } from '../../ledger/embedded/registering-ledger-client';
import { createEmbeddedLedgerAccess } from '../../ledger/embedded/embedded-mode';
import { HOUR } from '../../test-support/manual-clock';
import { createTestGateway, type TestGateway } from '../../test-support/test-gateway';

/**
 * Like createTestGateway, but the embedded ledger's transaction timestamps come from the same
 * ManualClock as the gateway's, so deadlines (an appointment's start, a quote's 72 hours) can be
 * crossed with clock.advance() instead of waiting. Files are stored under a temporary directory
 * that close() removes.
 */
export function createLedgerClockGateway(environment: Record<string, string> = {}): TestGateway {
  return createTestGateway({
    environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000', ...environment },
    backend: ({ logger, clock }) => {
      const access = createEmbeddedLedgerAccess(new MemoryLedger({ contracts, collections: ['healthRecords'], clock }), logger);
      return {
        ledger: new RegisteringLedgerClient(access.ledger),
        identities: access.provisioner,
        platform: { ledger: 'embedded (test clock)', chaincodeVersion: () => Promise.resolve('test') },
      };
    },
  });
}

/**
 * An ISO instant this many hours after the gateway's clock, which is the ledger's clock too (the
 * manual one here, the wall clock on Fabric). Stories pass grants' validFrom explicitly: the REST
 * router's own clock is the wall clock (app.ts passes none), a little ahead of the manual one, so a
 * defaulted validFrom would not yet be valid on the ledger-clock gateway's ledger.
 */
export const later = (gateway: TestGateway, hours: number): string => new Date(gateway.clock.now().getTime() + hours * HOUR).toISOString();
