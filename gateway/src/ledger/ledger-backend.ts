import type { IdentityProvisioner, LedgerClient } from './ledger-port';
import type { ChaincodeEventSource } from './ledger-events';
import type { PlatformInfo } from './platform-info';

/** The ledger the gateway runs on: embedded simulator or a Fabric network, chosen by configuration. */
export interface LedgerBackend {
  ledger: LedgerClient;
  identities: IdentityProvisioner;
  platform: PlatformInfo;
  /** Chaincode events, for the notification listener (notifications/). */
  events?: ChaincodeEventSource;
  /** Embedded mode: writes the ledger's state to disk (periodically and at shutdown). */
  persist?(): void;
}
