import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { LedgerSnapshotFile } from '../ledger/embedded/ledger-snapshot-file';
import { systemClock, type Clock } from '../platform/clock';
import { deriveKey } from '../platform/secrets/derived-keys';
import { loadMasterKey } from '../files/keys/master-key';
import type { GatewayStore } from './gateway-store';
import { openStore } from './open-store';
import { embeddedBackend } from '../ledger/embedded/embedded-backend';
import type { LedgerBackend } from '../ledger/ledger-backend';
import { buildServices, type GatewayServices } from './services';

export interface OpenOptions {
  clock?: Clock;
  /** The operator CLI reads the embedded ledger but never writes it (the server owns that file). */
  role?: 'server' | 'cli';
}

/** Everything behind the HTTP layer, opened from configuration: master key, store, ledger backend, services. */
export async function openGateway(config: Readonly<Config>, logger: Logger, { clock = systemClock, role = 'server' }: OpenOptions = {}): Promise<GatewayServices> {
  const masterKey = await loadMasterKey(config.masterKey, logger);
  const store = await openStore(config, logger, clock);
  try {
    const backend = await ledgerBackend(config, store, masterKey, logger, clock, role);
    const services = buildServices({ config, logger, clock, store, backend, masterKey });
    if (role === 'server') {
      // Opens the file key vault and settles uploads a crash interrupted, before serving requests.
      await services.files.ready();
      // one chaincode event listener per gateway: the CLI never listens
      await services.notifications.start();
    }
    return services;
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function ledgerBackend(config: Readonly<Config>, store: GatewayStore, masterKey: Buffer, logger: Logger, clock: Clock, role: OpenOptions['role']): Promise<LedgerBackend> {
  if (config.fabric !== undefined) {
    // Loaded in Fabric mode only: the Fabric client libraries take about a second to load, and
    // fabric-common parses the process's arguments as it loads (answering --help with its own).
    const { fabricBackend } = await import('../ledger/fabric/fabric-backend');
    return fabricBackend({ config: config.fabric, identityRecords: store.fabricIdentities, masterKey, logger, clock });
  }
  const snapshot = new LedgerSnapshotFile(join(config.dataDir, 'embedded-ledger.sealed'), deriveKey(masterKey, 'embedded-ledger-snapshot'));
  return embeddedBackend({ logger, snapshot, writeSnapshot: role === 'server' });
}

/** Closes in dependency order: event streams (notifications), the ledger client (gateways, connections), the embedded ledger's snapshot, the store. */
export async function closeGateway(services: GatewayServices): Promise<void> {
  await services.notifications.stop();
  await services.ledger.close();
  services.persist?.();
  await services.store.close();
}
