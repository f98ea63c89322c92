import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from '../../platform/clock';
import type { Principal } from '../../identity/principals/principal';
import { CaOrgClient } from './ca-org-client';
import { CaIdentityProvisioner } from './ca-provisioner';
import { chaincodeEventsOpener, type ChaincodeEventsOpener } from './chaincode-events';
import { EnrolledIdentities } from './enrolled-identities';
import type { FabricConfig } from './fabric-config';
import { fabricGatewayConnector } from './fabric-gateway-connector';
import { FabricLedgerClient } from './fabric-ledger-client';
import { GrpcClientPool, type PeerEndpoint } from './grpc-clients';
import { KeyEnvelope } from './key-envelope';
import type { IdentityRecordStore, LedgerAccess, LedgerLogger } from '../ledger-port';

export interface FabricModeDependencies {
  store: IdentityRecordStore;
  /** 32 bytes that encrypt principals' private keys at rest (derived from the master key for this purpose only). */
  privateKeyEncryptionKey: Uint8Array;
  logger: LedgerLogger;
  clock?: Clock;
  readFile?: (path: string) => string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Fabric mode also streams chaincode events (notifications/), over the same connections and identities. */
export interface FabricLedgerAccess extends LedgerAccess {
  /** Close the stream before the ledger client: the client closes the shared connections. */
  chaincodeEvents(listener: Principal): ChaincodeEventsOpener;
}

/**
 * Wires the Fabric mode from its configuration: shared gRPC connections, each principal's
 * Gateway, and enrollment at the organisations' CAs. Reads the TLS CA files now, so a wrong path
 * stops the start-up rather than the first request.
 */
export function createFabricLedgerAccess(config: FabricConfig, dependencies: FabricModeDependencies): FabricLedgerAccess {
  const { store, logger } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const read = (path: string, what: string): string => {
    try {
      return (dependencies.readFile ?? ((file) => readFileSync(file, 'utf8')))(path);
    } catch (error) {
      throw new Error(`cannot read the ${what} at ${path}: ${(error as Error).message}`);
    }
  };
  const envelope = new KeyEnvelope(dependencies.privateKeyEncryptionKey);
  const renewBeforeMs = config.renewBeforeDays * DAY_MS;

  const peers = new Map<string, PeerEndpoint[]>(
    config.orgs.map((org) => [
      org.mspId,
      org.peers.map((peer) => ({
        endpoint: peer.endpoint,
        tlsCaCertPem: read(peer.tlsCaCertFile, `TLS CA certificate of ${org.mspId}'s peer`),
        ...(peer.hostOverride === undefined ? {} : { hostOverride: peer.hostOverride }),
      })),
    ]),
  );
  const cas = config.orgs.map(
    (org) =>
      new CaOrgClient(
        {
          mspId: org.mspId,
          url: org.ca.url,
          caName: org.ca.caName,
          tlsCaCertPem: read(org.ca.tlsCaCertFile, `TLS CA certificate of ${org.mspId}'s CA`),
          registrarId: org.ca.registrarId,
          registrarSecret: org.ca.registrarSecret,
          affiliation: org.ca.affiliation,
        },
        clock,
      ),
  );

  const provisioner = new CaIdentityProvisioner({ orgs: cas, store, envelope, clock, renewBeforeMs, logger });
  const connections = new GrpcClientPool(peers);
  const identities = new EnrolledIdentities({ store, provisioner, envelope, clock, renewBeforeMs, logger });
  const ledger = new FabricLedgerClient({
    connect: fabricGatewayConnector({ clients: connections, channel: config.channel, chaincode: config.chaincode, deadlines: config.deadlines }),
    identities,
    connections,
    deadlines: config.deadlines,
    submitAttempts: config.submitAttempts,
    gatewayCacheSize: config.gatewayCacheSize,
    logger,
  });
  const chaincodeEvents = (listener: Principal) => chaincodeEventsOpener({ clients: connections, identities, channel: config.channel, chaincode: config.chaincode, listener });
  return { ledger, provisioner, chaincodeEvents };
}
