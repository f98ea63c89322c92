import type { Context } from 'fabric-contract-api';

/**
 * Transaction time: the client-set proposal timestamp every endorser sees identically. Chaincode
 * never reads the wall clock, which differs between peers and would break endorsement.
 */
export function txTime(ctx: Context): Date {
  return ctx.stub.getDateTimestamp();
}

export function txTimeIso(ctx: Context): string {
  return txTime(ctx).toISOString();
}

/** Adds whole seconds to an ISO timestamp (deadlines and validity windows). */
export function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

/** True when `iso` is at or before the transaction time. */
export function hasPassed(ctx: Context, iso: string): boolean {
  return Date.parse(iso) <= txTime(ctx).getTime();
}
