import type { ChaincodeEvent, Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { ChaincodeEventSource, EventSubscription, LedgerEvent } from '../ledger-events';

/**
 * Opens fabric-gateway's chaincode event stream: `network.getChaincodeEvents(chaincode, options)`
 * over the gateway's own listener identity (ledger/fabric/chaincode-events.ts). Closing the iterable ends
 * the stream and releases its Gateway.
 */
export type ChaincodeEventsOpener = (options: { checkpoint: Checkpoint; startBlock: bigint }) => Promise<CloseableAsyncIterable<ChaincodeEvent>>;

/**
 * Chaincode events of a Fabric network. One stream per subscription; it starts at the checkpoint
 * (fabric-gateway resumes after the checkpointed transaction), or at block 0 the first time, so the
 * gateway learns every grant's expiry. A broken stream ends the subscription with its error; the
 * listener subscribes again from the stored checkpoint.
 */
export class FabricEventSource implements ChaincodeEventSource {
  constructor(
    private readonly open: ChaincodeEventsOpener,
    readonly description: string,
  ) {}

  subscribe(checkpoint: Checkpoint, handle: (event: LedgerEvent) => Promise<void>): EventSubscription {
    let events: CloseableAsyncIterable<ChaincodeEvent> | undefined;
    let closing = false;
    // read through a call: the checks run after awaits, when close() may have set it
    const closed = (): boolean => closing;
    const ended = (async () => {
      events = await this.open({ checkpoint, startBlock: 0n });
      if (closed()) {
        events.close();
        return;
      }
      try {
        for await (const event of events) {
          if (closed()) {
            break;
          }
          await handle({ blockNumber: event.blockNumber, transactionId: event.transactionId, eventName: event.eventName, payload: event.payload });
        }
      } catch (error) {
        if (!closed()) {
          throw error;
        }
      } finally {
        events.close();
      }
      if (!closed()) {
        throw new Error('the chaincode event stream ended');
      }
    })();
    return {
      ended,
      close: async () => {
        closing = true;
        events?.close();
        await ended.catch(() => undefined);
      },
    };
  }
}
