// What the rest of the gateway uses from the ledger layer: one factory per mode, both returning a
// LedgerClient and an IdentityProvisioner.
export { LedgerError, type IdentityProvisioner, type IdentityRecordStore, type LedgerAccess, type LedgerClient, type LedgerErrorCode, type LedgerFailureCode, type LedgerLogger, type StoredIdentity } from './ledger-port';
export { fabricConfigSchema, loadFabricConfigFromEnv, FabricConfigError, type FabricConfig } from './fabric/fabric-config';
export { KeyEnvelope, identityKeyContext } from './fabric/key-envelope';
export { createEmbeddedLedgerAccess } from './embedded/embedded-mode';
export { createFabricLedgerAccess, type FabricModeDependencies } from './fabric/fabric-mode';
