import { createHash } from 'node:crypto';

/** Timestamps for arguments: the chaincode judges them against the proposal's timestamp (now). */
export function secondsFromNow(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

export function sha256Of(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
