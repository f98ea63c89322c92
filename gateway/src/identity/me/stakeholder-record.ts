import type { LedgerCalls } from '../../ledger/ledger-calls';
import { LedgerError } from '../../ledger/ledger-port';
import type { ResultOf } from '../../ledger/transaction-results';
import type { Principal } from '../principals/principal';

/** The principal's own on-chain stakeholder record (status pending/active/suspended), or null before registration. */
export async function stakeholderRecordOf(ledger: LedgerCalls, principal: Principal): Promise<ResultOf<'Stakeholder:get'> | null> {
  try {
    return await ledger.evaluateJson(principal, 'Stakeholder:get', [principal.stakeholderId]);
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'NOT_FOUND') {
      return null;
    }
    throw error;
  }
}
