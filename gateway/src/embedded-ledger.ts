import { contracts } from '@medledger/chaincode';
import { MemoryLedger } from '@medledger/ledger-sim';

/** The private data collection the deployed chaincode is configured with (network/config/collections.json). */
const COLLECTIONS = ['healthRecords'];

/**
 * The embedded default: the real contracts running in-process on a single-node, in-memory
 * development ledger. No Fabric network and no consensus; for trying MedLedger out only.
 */
export function createEmbeddedLedger(): MemoryLedger {
  return new MemoryLedger({ contracts, collections: COLLECTIONS });
}
