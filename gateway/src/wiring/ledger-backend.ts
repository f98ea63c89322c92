import type { IdentityProvisioner, LedgerClient } from '../fabric/types';
import type { PlatformInfo } from '../system/platform-info';

/** The ledger the gateway runs on: embedded simulator or a Fabric network, chosen by configuration. */
export interface LedgerBackend {
  ledger: LedgerClient;
  identities: IdentityProvisioner;
  platform: PlatformInfo;
  /** Embedded mode: writes the ledger's state to disk (periodically and at shutdown). */
  persist?(): void;
}
