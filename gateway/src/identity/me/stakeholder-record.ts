import { LedgerError, type LedgerClient } from '../../ledger/ledger-port';
import type { Principal } from '../principals/principal';

/** The principal's own on-chain stakeholder record (status pending/active/suspended), or null before registration. */
export async function stakeholderRecordOf(ledger: LedgerClient, principal: Principal): Promise<unknown> {
  try {
    return JSON.parse(await ledger.evaluate(principal, 'Stakeholder:get', [principal.stakeholderId])) as unknown;
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'NOT_FOUND') {
      return null;
    }
    throw error;
  }
}
