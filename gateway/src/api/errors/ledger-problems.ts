import { ERROR_CATALOG, type ErrorCode } from '@medledger/chaincode/client';
import type { LedgerError } from '../../ledger/ledger-port';
import { CATALOG } from './catalog';
import { describeRaised, type Described } from './problem-body';

export function isChaincodeCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, code);
}

/**
 * A LedgerError as a problem, its status and title from the catalog (catalog.ts). A chaincode
 * refusal keeps its code and the chaincode's text; an infrastructure failure shows its title only,
 * never its message (internal addresses). The txId comes along whenever there is one.
 */
export function ledgerProblem(error: LedgerError): Described {
  const txId = error.txId === undefined ? {} : { txId: error.txId };
  const entry = CATALOG[error.code];
  if (isChaincodeCode(error.code)) {
    return describeRaised(error.code, chaincodeDetail(error), txId, entry.contractTitle ?? entry.title);
  }
  return describeRaised(error.code, entry.title, txId);
}

/** The chaincode's message after its code ("... CONSENT_REQUIRED: doctor D has no grant" → "doctor D has no grant"). */
function chaincodeDetail(error: LedgerError): string {
  const marker = `${error.code}: `;
  const start = error.message.indexOf(marker);
  return start < 0 ? error.message : error.message.slice(start + marker.length);
}
