import type { Checkpoint } from '@hyperledger/fabric-gateway';

/** One chaincode event as either ledger mode delivers it (fabric-gateway's ChaincodeEvent, minus the chaincode name). */
export interface LedgerEvent {
  blockNumber: bigint;
  transactionId: string;
  /** The chaincode transaction that emitted it (grant, revoke, checkAccess, breakGlass, book, ...). */
  eventName: string;
  /** JSON: IDs, statuses and times only (chaincode/src/lib/events.ts). */
  payload: Uint8Array;
}

/** A running subscription: close() ends it; `ended` settles when it ends, rejecting if it failed (lost stream, handler error). */
export interface EventSubscription {
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/**
 * Where chaincode events come from: the embedded ledger or a Fabric network. A subscription
 * delivers every event after the checkpoint, in ledger order, one at a time: the next one only
 * after `handle` resolved, so the caller can process and then checkpoint each event.
 *
 * The checkpoint follows fabric-gateway's contract: `getBlockNumber()` is the block to start from
 * and `getTransactionId()`, when set, the last event already processed in that block.
 */
export interface ChaincodeEventSource {
  /** For logs and /version-like descriptions. */
  readonly description: string;
  subscribe(checkpoint: Checkpoint, handle: (event: LedgerEvent) => Promise<void>): EventSubscription;
}

/** The stored position of the last processed event. */
export interface EventPosition {
  blockNumber: bigint;
  transactionId: string;
}

/** fabric-gateway's Checkpoint over a stored position (or none: start from the beginning). */
export function checkpointAt(position: EventPosition | undefined): Checkpoint {
  return {
    getBlockNumber: () => position?.blockNumber,
    getTransactionId: () => position?.transactionId,
  };
}
