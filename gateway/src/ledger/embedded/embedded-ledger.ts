import { contracts } from '@medledger/chaincode';
import { MemoryLedger, type LedgerSnapshot } from '@medledger/ledger-sim';

/** The private data collection the deployed chaincode is configured with (network/config/collections.json). */
const COLLECTIONS = ['healthRecords'];

/**
 * The embedded default: the real contracts running in-process on a single-node, in-memory
 * development ledger, optionally restored from a snapshot. No Fabric network and no consensus;
 * for trying MedLedger out only.
 */
export function createEmbeddedLedger(snapshot?: LedgerSnapshot): MemoryLedger {
  const options = { contracts, collections: COLLECTIONS };
  return snapshot === undefined ? new MemoryLedger(options) : MemoryLedger.fromJSON(snapshot, options);
}
