import type { Context } from 'fabric-contract-api';

/**
 * A new object ID derived from the transaction ID, which every endorser sees identically, so it is
 * deterministic without randomness. 24 hex characters (96 bits) keep IDs short yet collision-free
 * in practice; `suffix` separates several objects created by one transaction.
 */
export function newObjectId(ctx: Context, prefix: string, suffix = ''): string {
  return `${prefix}-${ctx.stub.getTxID().slice(0, 24)}${suffix}`;
}
