import type { ChaincodeInterface, ChaincodeResponse } from 'fabric-shim-api';
import { chaincodeFromContracts } from './contract-runtime';
import { TransactionFailedError } from './errors';
import { IdentityIssuer } from './identities';
import { MemoryStub, type Invocation } from './memory-stub';
import { SerialQueue } from './serial-queue';
import { assertReadableSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type LedgerSnapshot } from './snapshot';
import { toTxTimestamp } from './timestamps';
import { TransactionIdSequence } from './transaction-ids';
import { TransactionSimulator } from './transaction-simulator';
import type {
  CommittedEvent,
  IdentitySpec,
  InvokeOptions,
  LedgerIdentity,
  MemoryLedgerOptions,
  TransactionResult,
} from './types';
import { WorldState } from './world-state';
import type { WriteSet } from './write-set';

interface LedgerSettings {
  channelId: string;
  chaincodeName: string;
  peerMspId: string;
  collections: readonly string[];
  clock: () => Date;
}

interface Endorsement {
  invocation: Invocation;
  payload: string;
  writeSet: WriteSet;
}

type EventListener = (event: CommittedEvent) => void;

/**
 * A single-peer Fabric channel in memory, running real fabric-contract-api contracts through
 * fabric-shim's own dispatcher. Transactions run one at a time; each successful submit is one
 * block. Evaluate runs the same way and commits nothing.
 */
export class MemoryLedger {
  private readonly settings: LedgerSettings;
  private readonly chaincode: ChaincodeInterface;
  private readonly issuer = new IdentityIssuer();
  private readonly queue = new SerialQueue();
  private readonly listeners = new Set<EventListener>();
  private world: WorldState;
  private txIds: TransactionIdSequence;

  constructor(options: MemoryLedgerOptions) {
    this.settings = resolveSettings(options);
    this.chaincode = chaincodeFromContracts(options.contracts, this.settings.chaincodeName);
    this.world = new WorldState(this.settings.collections);
    this.txIds = new TransactionIdSequence(this.settings.channelId);
  }

  /** A client certificate issued by the organization's in-memory CA, carrying fabric-ca attributes. */
  identity(spec: IdentitySpec): LedgerIdentity {
    return this.issuer.issue(spec);
  }

  /** Endorses and, if the chaincode succeeds, commits the transaction as the next block. */
  submit(identity: LedgerIdentity, fn: string, args: string[] = [], options: InvokeOptions = {}): Promise<TransactionResult> {
    return this.queue.run(async () => {
      const { invocation, payload, writeSet } = await this.endorse(identity, fn, args, options);
      const { txId, timestamp } = invocation;
      await options.onEndorsed?.({ txId, payload });
      const receipt = this.world.commit({ txId, timestamp, chaincodeName: this.settings.chaincodeName, writeSet });
      this.publish(receipt.event);
      const result: TransactionResult = { txId, payload, blockNumber: receipt.blockNumber };
      return receipt.event === undefined ? result : { ...result, event: copyEvent(receipt.event) };
    });
  }

  /** Runs the transaction against committed state and returns its result; commits nothing. */
  evaluate(identity: LedgerIdentity, fn: string, args: string[] = [], options: InvokeOptions = {}): Promise<string> {
    return this.queue.run(async () => (await this.endorse(identity, fn, args, options)).payload);
  }

  /**
   * Whether a transaction with this ID committed, once every submit before this call has finished
   * (they run one at a time): a transaction not committed by then never will be.
   */
  isCommitted(txId: string): Promise<boolean> {
    return this.queue.run(() => Promise.resolve(this.world.hasTransaction(txId)));
  }

  getState(key: string): Uint8Array | undefined {
    return copyOrUndefined(this.world.getState(key));
  }

  getPrivateData(collection: string, key: string): Uint8Array | undefined {
    this.requireCollection(collection);
    return copyOrUndefined(this.world.getPrivateData(collection, key));
  }

  getPrivateDataHash(collection: string, key: string): Uint8Array | undefined {
    this.requireCollection(collection);
    return copyOrUndefined(this.world.getPrivateDataHash(collection, key));
  }

  /** Every committed chaincode event, in commit order. */
  events(): CommittedEvent[] {
    return this.world.events.map(copyEvent);
  }

  /** Calls the listener for each event committed from now on; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Number of blocks, counting the genesis block: 1 for a new ledger, +1 per successful submit. */
  blockHeight(): number {
    return this.world.blockHeight;
  }

  toJSON(): LedgerSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      channelId: this.settings.channelId,
      chaincodeName: this.settings.chaincodeName,
      txIdSequence: this.txIds.sequence,
      ...this.world.toSnapshot(),
    };
  }

  static fromJSON(snapshot: LedgerSnapshot, options: MemoryLedgerOptions): MemoryLedger {
    assertReadableSnapshot(snapshot);
    const ledger = new MemoryLedger(options);
    const { channelId, chaincodeName, collections } = ledger.settings;
    if (snapshot.channelId !== channelId || snapshot.chaincodeName !== chaincodeName) {
      throw new Error(
        `snapshot is of chaincode ${snapshot.chaincodeName} on channel ${snapshot.channelId}, not ${chaincodeName} on ${channelId}`,
      );
    }
    ledger.world = WorldState.fromSnapshot(snapshot, collections);
    ledger.txIds = new TransactionIdSequence(channelId, snapshot.txIdSequence);
    return ledger;
  }

  /** Simulates the proposal on the chaincode; the write set is only returned if it succeeded. */
  private async endorse(identity: LedgerIdentity, fn: string, args: string[], options: InvokeOptions): Promise<Endorsement> {
    const invocation = this.invocationOf(identity, fn, args, options);
    const { txId, channelId } = invocation;
    if (this.world.hasTransaction(txId)) {
      throw new TransactionFailedError(`duplicate transaction found [${txId}]`, txId);
    }
    const simulator = new TransactionSimulator(this.world, { txId, channelId, chaincodeName: this.settings.chaincodeName });
    let response: ChaincodeResponse;
    let writeSet: WriteSet;
    try {
      response = await this.chaincode.Invoke(new MemoryStub(invocation, simulator));
    } finally {
      // stub calls the chaincode makes after responding fail, as on a peer
      writeSet = simulator.complete();
    }
    // the peer treats any status from 400 up as a failed endorsement
    if (response.status >= 400) {
      throw new TransactionFailedError(response.message ?? '', txId, response.status);
    }
    const payload = Buffer.from(response.payload ?? new Uint8Array()).toString('utf8');
    return { invocation, payload, writeSet };
  }

  private invocationOf(identity: LedgerIdentity, fn: string, args: string[], options: InvokeOptions): Invocation {
    return {
      txId: options.txId ?? this.txIds.next((candidate) => this.world.hasTransaction(candidate)),
      channelId: this.settings.channelId,
      peerMspId: this.settings.peerMspId,
      args: [fn, ...args],
      creator: { mspid: identity.mspId, idBytes: new TextEncoder().encode(identity.certificatePem) },
      transient: transientMap(options.transient),
      timestamp: toTxTimestamp(options.timestamp ?? this.settings.clock()),
    };
  }

  /**
   * A throwing listener must neither undo nor mask the commit, so its error is rethrown on its
   * own, outside the transaction.
   */
  private publish(event: CommittedEvent | undefined): void {
    if (event === undefined) {
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(copyEvent(event));
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Inspection of an undefined collection is a test mistake, so it fails instead of finding nothing. */
  private requireCollection(collection: string): void {
    if (!this.world.hasCollection(collection)) {
      throw new Error(`collection ${collection} is not defined; the ledger has: ${this.settings.collections.join(', ') || 'none'}`);
    }
  }
}

function resolveSettings(options: MemoryLedgerOptions): LedgerSettings {
  const collections = options.collections ?? [];
  if (collections.some((name) => typeof name !== 'string' || name === '') || new Set(collections).size !== collections.length) {
    throw new Error('collections must be distinct non-empty names');
  }
  return {
    channelId: options.channelId ?? 'medledger',
    chaincodeName: options.chaincodeName ?? 'medledger',
    peerMspId: options.peerMspId ?? 'ProvidersMSP',
    collections: [...collections],
    clock: options.clock ?? (() => new Date()),
  };
}

function transientMap(transient: InvokeOptions['transient']): Map<string, Uint8Array> {
  const entries = Object.entries(transient ?? {});
  return new Map(entries.map(([key, value]) => [key, typeof value === 'string' ? Buffer.from(value) : Uint8Array.from(value)]));
}

/** Callers get copies, so nothing outside can change what was committed. */
function copyOrUndefined(bytes: Uint8Array | undefined): Uint8Array | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes);
}

function copyEvent(event: CommittedEvent): CommittedEvent {
  return { ...event, payload: Buffer.from(event.payload) };
}
