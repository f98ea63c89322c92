import type { MemoryLedger } from '../memory-ledger';
import type { LedgerIdentity } from '../types';
import { doctor, newLedger } from './fixtures';

/** A fresh ledger and the doctor most tests call it as. */
export function ledgerWithDoctor(): { ledger: MemoryLedger; caller: LedgerIdentity } {
  const ledger = newLedger();
  return { ledger, caller: doctor(ledger) };
}
