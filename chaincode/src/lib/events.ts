import type { Context } from 'fabric-contract-api';
import { toBytes } from './serialization';

/**
 * Every state change emits one event named after its transaction. Fabric keeps only the last
 * event a transaction sets, so each transaction calls this exactly once. Payloads carry IDs,
 * statuses and timestamps only, never health data, because every channel member receives them.
 */
export function emitEvent(ctx: Context, transactionName: string, payload: Record<string, unknown>): void {
  ctx.stub.setEvent(transactionName, toBytes(payload));
}
