import { ERROR_CATALOG, type ErrorCode } from '@medledger/chaincode';
import type { LedgerError, LedgerFailureCode } from '../../ledger/ledger-port';

/**
 * The Fabric client's own failure codes (not the contract's decision), each with its one HTTP
 * status and title. This table, with ERROR_CATALOG for the contract's codes, is the only place a
 * LedgerError's status comes from. Typed over LedgerFailureCode, so a new code there does not
 * compile until it is mapped here.
 */
export const LEDGER_FAILURES: Readonly<Record<LedgerFailureCode, { status: number; title: string }>> = {
  NETWORK_UNAVAILABLE: { status: 503, title: 'The ledger network is unavailable' },
  TIMEOUT: { status: 504, title: 'The ledger did not answer in time; a change may still commit: ask for the status of txId before retrying' },
  COMMIT_STATUS_UNKNOWN: { status: 504, title: 'The transaction was sent for ordering but its outcome is unknown: ask for the status of txId before retrying' },
  ENDORSEMENT_FAILED: { status: 502, title: 'The peers did not endorse the transaction' },
  ORDERING_FAILED: { status: 502, title: 'The orderer did not accept the transaction; it was not committed' },
  READ_CONFLICT: { status: 409, title: 'The transaction conflicted with a concurrent one and was not committed; retry' },
  COMMIT_REJECTED: { status: 502, title: 'The peers validated the transaction as invalid; it was not committed' },
  ENROLLMENT_FAILED: { status: 502, title: 'The certificate authority did not issue the ledger identity' },
  IDENTITY_REVOKED: { status: 403, title: 'This ledger identity has been revoked' },
};

export interface LedgerProblem {
  status: number;
  code: string;
  title: string;
  detail: string;
}

export function isChaincodeCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, code);
}

/** A chaincode refusal keeps its code, catalog status and the chaincode's text; an infrastructure failure shows its title only. */
export function ledgerProblem(error: LedgerError): LedgerProblem {
  if (isChaincodeCode(error.code)) {
    const entry = ERROR_CATALOG[error.code];
    return { status: entry.httpStatus, code: error.code, title: entry.meaning, detail: chaincodeDetail(error) };
  }
  const failure = LEDGER_FAILURES[error.code];
  return { status: failure.status, code: error.code, title: failure.title, detail: failure.title };
}

/** The chaincode's message after its code ("... CONSENT_REQUIRED: doctor D has no grant" → "doctor D has no grant"). */
function chaincodeDetail(error: LedgerError): string {
  const marker = `${error.code}: `;
  const start = error.message.indexOf(marker);
  return start < 0 ? error.message : error.message.slice(start + marker.length);
}
