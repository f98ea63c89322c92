import type { MemoryLedger } from '@medledger/ledger-sim';
import { EmbeddedIdentities } from './embedded-identities';
import { EmbeddedIdentityProvisioner } from './embedded-identity-provisioner';
import { EmbeddedLedgerClient } from './embedded-ledger-client';
import type { LedgerAccess, LedgerLogger } from '../ledger-port';

/** The embedded mode: the ledger client and provisioner share one registry of simulated identities. */
export function createEmbeddedLedgerAccess(ledger: MemoryLedger, logger: LedgerLogger): LedgerAccess {
  const identities = new EmbeddedIdentities(ledger);
  return { ledger: new EmbeddedLedgerClient(ledger, identities, logger), provisioner: new EmbeddedIdentityProvisioner(identities) };
}
