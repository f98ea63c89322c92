import type { Logger } from 'pino';
import type { FabricConfig } from './fabric-config';
import { createFabricLedgerAccess } from './fabric-mode';
import type { IdentityProvisioner, IdentityRecordStore, LedgerClient } from '../ledger-port';
import { FabricEventSource } from './fabric-event-source';
import type { Clock } from '../../platform/clock';
import type { Principal } from '../../identity/principals/principal';
import { deriveKey } from '../../platform/secrets/derived-keys';
import type { LedgerBackend } from '../ledger-backend';

export interface FabricBackendInputs {
  config: FabricConfig;
  identityRecords: IdentityRecordStore;
  masterKey: Uint8Array;
  logger: Logger;
  clock: Clock;
}

/**
 * The gateway's own probe identity for /version and /readyz: a patient certificate that is never
 * registered on chain, so the contracts refuse it everything except caller-free reads such as
 * Platform:getVersion. It has no row in the principals table; its enrollment is kept like any other.
 */
export const PROBE_PRINCIPAL: Principal = Object.freeze({
  id: 'prn_gatewayprobeaaaaaaaaaaaaaa',
  kind: 'organisation',
  role: 'patient',
  stakeholderId: 'pat-gateway-probe',
  mspId: 'ProvidersMSP',
  displayName: 'gateway version probe',
  createdAt: '2025-01-01T00:00:00.000Z',
});

/**
 * The gateway's own identity for the chaincode event listener (notifications/): one stream for the
 * whole gateway, whatever principals are signed in. Like the probe, it is enrolled at the CA but
 * never registered on chain; reading events needs channel membership only, not a role.
 */
export const EVENT_LISTENER_PRINCIPAL: Principal = Object.freeze({
  id: 'prn_gatewayeventsaaaaaaaaaaaaa',
  kind: 'organisation',
  role: 'patient',
  stakeholderId: 'pat-gateway-events',
  mspId: 'ProvidersMSP',
  displayName: 'gateway event listener',
  createdAt: '2025-01-01T00:00:00.000Z',
});

/** MEDLEDGER_FABRIC_* is set: the Fabric engineer's client (gRPC to the peers, enrollment at the CAs). */
export function fabricBackend({ config, identityRecords, masterKey, logger, clock }: FabricBackendInputs): LedgerBackend {
  const access = createFabricLedgerAccess(config, { store: identityRecords, privateKeyEncryptionKey: deriveKey(masterKey, 'fabric-private-keys'), logger, clock });
  return {
    ledger: access.ledger,
    identities: access.provisioner,
    platform: { ledger: `fabric (channel ${config.channel}, chaincode ${config.chaincode})`, chaincodeVersion: () => probeVersion(access.ledger, access.provisioner) },
    events: new FabricEventSource(access.chaincodeEvents(EVENT_LISTENER_PRINCIPAL), `fabric channel ${config.channel}, chaincode ${config.chaincode}`),
  };
}

async function probeVersion(ledger: LedgerClient, identities: IdentityProvisioner): Promise<string> {
  await identities.ensureIdentity(PROBE_PRINCIPAL);
  return ledger.evaluate(PROBE_PRINCIPAL, 'Platform:getVersion');
}
