/**
 * The JSON form of a ledger, for the gateway's embedded mode to persist between runs. Bytes are
 * base64; keys stay strings (JSON escapes the U+0000 of composite keys).
 */

export const SNAPSHOT_FORMAT = 'medledger-ledger-sim';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotEntry {
  key: string;
  /** base64 */
  value: string;
}

export interface SnapshotKeyModification {
  txId: string;
  timestamp: { seconds: number; nanos: number };
  isDelete: boolean;
  /** base64; empty for deletes */
  value: string;
}

export interface SnapshotKeyHistory {
  key: string;
  /** Oldest first, in commit order. */
  modifications: SnapshotKeyModification[];
}

export interface SnapshotEvent {
  txId: string;
  blockNumber: number;
  chaincodeName: string;
  eventName: string;
  /** base64 */
  payload: string;
}

/** Everything committed to the world state, history and block store. */
export interface WorldStateSnapshot {
  blockHeight: number;
  committedTxIds: string[];
  state: SnapshotEntry[];
  privateData: Record<string, SnapshotEntry[]>;
  history: SnapshotKeyHistory[];
  events: SnapshotEvent[];
}

export interface LedgerSnapshot extends WorldStateSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  channelId: string;
  chaincodeName: string;
  /** Continues the default transaction ID sequence, so a restored ledger never reuses an ID. */
  txIdSequence: number;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'base64'));
}

/** Refuses files this version cannot read rather than restoring a half-empty ledger. */
export function assertReadableSnapshot(snapshot: unknown): asserts snapshot is LedgerSnapshot {
  const candidate = snapshot as Partial<LedgerSnapshot> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.format !== SNAPSHOT_FORMAT) {
    throw new Error(`not a ledger-sim snapshot (expected format "${SNAPSHOT_FORMAT}")`);
  }
  if (candidate.version !== SNAPSHOT_VERSION) {
    throw new Error(`unsupported ledger-sim snapshot version ${String(candidate.version)} (this version reads ${SNAPSHOT_VERSION})`);
  }
  const arrays = [candidate.committedTxIds, candidate.state, candidate.history, candidate.events];
  const numbers = [candidate.blockHeight, candidate.txIdSequence];
  if (!arrays.every(Array.isArray) || typeof candidate.privateData !== 'object' || !numbers.every(Number.isInteger)) {
    throw new Error('ledger-sim snapshot is incomplete');
  }
}
