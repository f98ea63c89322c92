import type { ChaincodeEvent, Network } from '@hyperledger/fabric-gateway';
import { CHAINCODE } from './fabric-client';

/**
 * Waits for the chaincode event a given transaction emitted, reading from `startBlock` so an event
 * committed before the listener attached is not missed.
 */
export async function eventOf(network: Network, txId: string, startBlock: bigint, timeoutMs = 30_000): Promise<ChaincodeEvent> {
  const events = await network.getChaincodeEvents(CHAINCODE, { startBlock });
  const timer = setTimeout(() => {
    events.close();
  }, timeoutMs);
  try {
    for await (const event of events) {
      if (event.transactionId === txId) {
        return event;
      }
    }
  } finally {
    clearTimeout(timer);
    events.close();
  }
  throw new Error(`no chaincode event for transaction ${txId} within ${timeoutMs} ms`);
}

export function eventPayload(event: ChaincodeEvent): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(event.payload)) as Record<string, unknown>;
}
