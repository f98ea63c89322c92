import { createHash } from 'node:crypto';
import { fromBase64, toBase64, type SnapshotEntry, type SnapshotKeyHistory, type WorldStateSnapshot } from './snapshot';
import { SortedKeyMap } from './sorted-key-map';
import type { TxTimestamp } from './timestamps';
import type { CommittedEvent } from './types';
import type { WriteSet } from './write-set';

/** Block 0 is the channel's genesis (configuration) block, so a new channel has height 1. */
const GENESIS_HEIGHT = 1;

/** One committed change of a public key, as Fabric's history database records it. */
export interface KeyModificationRecord {
  readonly txId: string;
  readonly timestamp: TxTimestamp;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

/** The committed data a transaction simulation may read; it never sees uncommitted writes. */
export interface CommittedStateReader {
  hasCollection(collection: string): boolean;
  getState(key: string): Uint8Array | undefined;
  stateRange(startKey: string, endKey: string): Iterable<[string, Uint8Array]>;
  getPrivateData(collection: string, key: string): Uint8Array | undefined;
  getPrivateDataHash(collection: string, key: string): Uint8Array | undefined;
  privateDataRange(collection: string, startKey: string, endKey: string): Iterable<[string, Uint8Array]>;
  /** Oldest first. */
  history(key: string): readonly KeyModificationRecord[];
}

export interface TransactionToCommit {
  txId: string;
  timestamp: TxTimestamp;
  chaincodeName: string;
  writeSet: WriteSet;
}

export interface CommitReceipt {
  blockNumber: number;
  event?: CommittedEvent;
}

/**
 * Everything committed: world state, private data, key history, chaincode events and the block
 * count. Each committed transaction is one block, applied all at once.
 */
export class WorldState implements CommittedStateReader {
  private readonly publicState = new SortedKeyMap<Uint8Array>();
  private readonly privateState = new Map<string, SortedKeyMap<Uint8Array>>();
  private readonly keyHistory = new Map<string, KeyModificationRecord[]>();
  private readonly committedEvents: CommittedEvent[] = [];
  private readonly committedTxIds = new Set<string>();
  private height = GENESIS_HEIGHT;

  constructor(collections: readonly string[]) {
    for (const collection of collections) {
      this.privateState.set(collection, new SortedKeyMap());
    }
  }

  get blockHeight(): number {
    return this.height;
  }

  get events(): readonly CommittedEvent[] {
    return this.committedEvents;
  }

  hasTransaction(txId: string): boolean {
    return this.committedTxIds.has(txId);
  }

  hasCollection(collection: string): boolean {
    return this.privateState.has(collection);
  }

  getState(key: string): Uint8Array | undefined {
    return this.publicState.get(key);
  }

  stateRange(startKey: string, endKey: string): Iterable<[string, Uint8Array]> {
    return this.publicState.range(startKey, endKey);
  }

  getPrivateData(collection: string, key: string): Uint8Array | undefined {
    return this.collection(collection).get(key);
  }

  /** Every peer of the channel holds the hash, whether or not it is a member of the collection. */
  getPrivateDataHash(collection: string, key: string): Uint8Array | undefined {
    const value = this.getPrivateData(collection, key);
    return value === undefined ? undefined : Uint8Array.from(createHash('sha256').update(value).digest());
  }

  privateDataRange(collection: string, startKey: string, endKey: string): Iterable<[string, Uint8Array]> {
    return this.collection(collection).range(startKey, endKey);
  }

  history(key: string): readonly KeyModificationRecord[] {
    return this.keyHistory.get(key) ?? [];
  }

  /** Applies a successful transaction as the next block. */
  commit(transaction: TransactionToCommit): CommitReceipt {
    const blockNumber = this.height;
    this.applyPublicWrites(transaction);
    this.applyPrivateWrites(transaction.writeSet);
    const event = this.recordEvent(transaction, blockNumber);
    this.committedTxIds.add(transaction.txId);
    this.height += 1;
    return event === undefined ? { blockNumber } : { blockNumber, event };
  }

  toSnapshot(): WorldStateSnapshot {
    return {
      blockHeight: this.height,
      committedTxIds: [...this.committedTxIds],
      state: entriesOf(this.publicState),
      privateData: Object.fromEntries([...this.privateState].map(([name, data]) => [name, entriesOf(data)])),
      history: [...this.keyHistory].map(([key, modifications]) => ({
        key,
        modifications: modifications.map((change) => ({ ...change, timestamp: { ...change.timestamp }, value: toBase64(change.value) })),
      })),
      events: this.committedEvents.map((event) => ({ ...event, payload: toBase64(event.payload) })),
    };
  }

  static fromSnapshot(snapshot: WorldStateSnapshot, collections: readonly string[]): WorldState {
    const world = new WorldState(collections);
    world.height = snapshot.blockHeight;
    snapshot.committedTxIds.forEach((txId) => world.committedTxIds.add(txId));
    for (const { key, value } of snapshot.state) {
      world.publicState.set(key, fromBase64(value));
    }
    world.restorePrivateData(snapshot.privateData);
    snapshot.history.forEach((entry) => world.keyHistory.set(entry.key, restoreModifications(entry)));
    snapshot.events.forEach((event) => world.committedEvents.push({ ...event, payload: fromBase64(event.payload) }));
    return world;
  }

  private collection(collection: string): SortedKeyMap<Uint8Array> {
    const data = this.privateState.get(collection);
    if (data === undefined) {
      throw new Error(`collection ${collection} is not defined for this ledger`);
    }
    return data;
  }

  private applyPublicWrites({ txId, timestamp, writeSet }: TransactionToCommit): void {
    for (const [key, value] of writeSet.publicWrites) {
      if (value === undefined) {
        this.publicState.delete(key);
      } else {
        this.publicState.set(key, value);
      }
      this.appendHistory(key, { txId, timestamp, isDelete: value === undefined, value: value ?? new Uint8Array() });
    }
  }

  /** A purge removes the value and its hash; no earlier version of private data is kept anyway. */
  private applyPrivateWrites(writeSet: WriteSet): void {
    for (const [collection, writes] of writeSet.privateWrites) {
      const data = this.collection(collection);
      for (const [key, write] of writes) {
        if (write.kind === 'put') {
          data.set(key, write.value);
        } else {
          data.delete(key);
        }
      }
    }
  }

  private recordEvent({ txId, chaincodeName, writeSet }: TransactionToCommit, blockNumber: number): CommittedEvent | undefined {
    if (writeSet.event === undefined) {
      return undefined;
    }
    const event: CommittedEvent = { txId, blockNumber, chaincodeName, eventName: writeSet.event.name, payload: writeSet.event.payload };
    this.committedEvents.push(event);
    return event;
  }

  private appendHistory(key: string, modification: KeyModificationRecord): void {
    const modifications = this.keyHistory.get(key) ?? [];
    modifications.push(modification);
    this.keyHistory.set(key, modifications);
  }

  /** Fabric does not let a chaincode definition drop a collection, so a snapshot may not either. */
  private restorePrivateData(privateData: Record<string, SnapshotEntry[]>): void {
    for (const [name, entries] of Object.entries(privateData)) {
      if (!this.hasCollection(name)) {
        throw new Error(`snapshot holds private data of collection ${name}, which the ledger options do not define`);
      }
      const data = this.collection(name);
      for (const { key, value } of entries) {
        data.set(key, fromBase64(value));
      }
    }
  }
}

function entriesOf(data: SortedKeyMap<Uint8Array>): SnapshotEntry[] {
  return [...data.entries()].map(([key, value]) => ({ key, value: toBase64(value) }));
}

function restoreModifications(entry: SnapshotKeyHistory): KeyModificationRecord[] {
  return entry.modifications.map((change) => ({ ...change, timestamp: { ...change.timestamp }, value: fromBase64(change.value) }));
}
