import type { MemoryLedger } from '@medledger/ledger-sim';
import { RegisteringLedgerClient } from './registering-ledger-client';
import { createEmbeddedLedger } from './embedded-ledger';
import type { LedgerSnapshotFile } from './ledger-snapshot-file';
import { createEmbeddedLedgerAccess } from './embedded-mode';
import type { LedgerLogger } from '../ledger-port';
import { EmbeddedEventSource } from './embedded-event-source';
import type { LedgerBackend } from '../ledger-backend';

export const EMBEDDED_LEDGER_DESCRIPTION = 'embedded (single-node development ledger)';

export interface EmbeddedOptions {
  logger: LedgerLogger;
  /** Where the ledger is kept between runs; without it the ledger lives in memory only (tests). */
  snapshot?: LedgerSnapshotFile;
  /** false for the operator CLI, which must not overwrite the running server's snapshot. */
  writeSnapshot?: boolean;
}

/** The default without MEDLEDGER_FABRIC_*: the real contracts in-process, through the Fabric engineer's embedded client. */
export function embeddedBackend({ logger, snapshot, writeSnapshot = true }: EmbeddedOptions): LedgerBackend {
  const ledger = createEmbeddedLedger(snapshot?.load());
  snapshot?.markLoaded(ledger);
  const access = createEmbeddedLedgerAccess(ledger, logger);
  return {
    ledger: new RegisteringLedgerClient(access.ledger),
    identities: access.provisioner,
    platform: { ledger: EMBEDDED_LEDGER_DESCRIPTION, chaincodeVersion: () => probeVersion(ledger) },
    events: new EmbeddedEventSource(ledger, logger),
    ...(snapshot === undefined || !writeSnapshot ? {} : { persist: () => void snapshot.save(ledger) }),
  };
}

/** Platform:getVersion checks no caller, so an attribute-less probe certificate may ask. */
function probeVersion(ledger: MemoryLedger): Promise<string> {
  return ledger.evaluate(ledger.identity({ mspId: 'ProvidersMSP', commonName: 'gateway-probe' }), 'Platform:getVersion');
}
