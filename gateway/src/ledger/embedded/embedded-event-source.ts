import type { Checkpoint } from '@hyperledger/fabric-gateway';
import type { CommittedEvent, MemoryLedger } from '@medledger/ledger-sim';
import type { ChaincodeEventSource, EventSubscription, LedgerEvent } from '../ledger-events';

export interface EmbeddedSourceLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Where to start in the embedded ledger's event history. */
type Start = { fromBlock: number; afterTransactionId?: string };

/**
 * Chaincode events of the embedded ledger: the committed history after the checkpoint, then each
 * new commit (MemoryLedger.onEvent). Subscribing and reading the history happen in the same tick,
 * so no commit falls between the two.
 */
export class EmbeddedEventSource implements ChaincodeEventSource {
  readonly description = 'embedded ledger';

  constructor(
    private readonly ledger: Pick<MemoryLedger, 'events' | 'onEvent' | 'blockHeight'>,
    private readonly logger?: EmbeddedSourceLogger,
  ) {}

  subscribe(checkpoint: Checkpoint, handle: (event: LedgerEvent) => Promise<void>): EventSubscription {
    const queue: CommittedEvent[] = [];
    let wake: (() => void) | undefined;
    let closing = false;
    // read through a call: the checks run after awaits, when close() may have set it
    const closed = (): boolean => closing;
    const unsubscribe = this.ledger.onEvent((event) => {
      queue.push(event);
      wake?.();
    });
    const history = this.ledger.events();
    const start = this.#start(checkpoint, history);
    queue.push(...history.filter((event) => isAfter(event, start)));

    const ended = (async () => {
      try {
        while (!closed()) {
          const next = queue.shift();
          if (next === undefined) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
            continue;
          }
          await handle(toLedgerEvent(next));
        }
      } finally {
        unsubscribe();
      }
    })();
    return {
      ended,
      close: async () => {
        closing = true;
        wake?.();
        await ended.catch(() => undefined);
      },
    };
  }

  /**
   * The checkpoint, unless the ledger no longer has the event it names: the embedded ledger is
   * saved every few seconds, so after a crash it can restart from a snapshot older than the
   * checkpoint. Everything it still has was processed then; its new commits reuse the block
   * numbers past its height, so listening resumes there instead of skipping them.
   */
  #start(checkpoint: Checkpoint, history: readonly CommittedEvent[]): Start {
    const block = checkpoint.getBlockNumber();
    const transactionId = checkpoint.getTransactionId();
    if (block === undefined) {
      return { fromBlock: 0 };
    }
    const fromBlock = Number(block);
    if (transactionId === undefined) {
      return { fromBlock };
    }
    const known = history.some((event) => event.blockNumber === fromBlock && event.txId === transactionId);
    if (known) {
      return { fromBlock, afterTransactionId: transactionId };
    }
    const height = this.ledger.blockHeight();
    this.logger?.warn({ checkpointBlock: fromBlock, transactionId, blockHeight: height }, 'the embedded ledger does not have the checkpointed event (restored from an older snapshot); listening from its current height');
    return { fromBlock: height };
  }
}

function isAfter(event: CommittedEvent, start: Start): boolean {
  if (event.blockNumber !== start.fromBlock) {
    return event.blockNumber > start.fromBlock;
  }
  // the embedded ledger commits one transaction per block, so the checkpointed one is the block's only event
  return start.afterTransactionId === undefined || event.txId !== start.afterTransactionId;
}

function toLedgerEvent(event: CommittedEvent): LedgerEvent {
  return { blockNumber: BigInt(event.blockNumber), transactionId: event.txId, eventName: event.eventName, payload: event.payload };
}
