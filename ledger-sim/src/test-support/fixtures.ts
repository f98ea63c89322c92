import { MemoryLedger } from '../memory-ledger';
import type { LedgerIdentity, MemoryLedgerOptions } from '../types';
import { EchoContract, ProbeContract } from './probe-contract';

export const COLLECTION = 'PatientRecords';
export const OTHER_COLLECTION = 'PayerNotes';
export const FIXED_TIME = new Date('2025-03-04T05:06:07.089Z');

export function newLedger(options: Partial<MemoryLedgerOptions> = {}): MemoryLedger {
  return new MemoryLedger({
    contracts: [ProbeContract, EchoContract],
    collections: [COLLECTION, OTHER_COLLECTION],
    clock: () => FIXED_TIME,
    ...options,
  });
}

export function doctor(ledger: MemoryLedger): LedgerIdentity {
  return ledger.identity({
    mspId: 'ProvidersMSP',
    commonName: 'dr-alice',
    attributes: { 'medledger.role': 'doctor', 'medledger.id': 'DR-001' },
  });
}

export function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}
