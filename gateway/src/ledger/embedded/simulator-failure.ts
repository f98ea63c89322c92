import { TransactionFailedError } from '@medledger/ledger-sim';
import { chaincodeRefusal } from '../chaincode-refusal';
import { LedgerError } from '../ledger-port';

/**
 * Maps a refusal of the embedded simulator (TransactionFailedError carries the chaincode message
 * and txId) as fabric/ledger-errors.ts maps the same refusal from a peer. Errors that are not the
 * ledger's (programming errors) are returned unchanged.
 */
export function simulatorFailure(error: unknown): unknown {
  if (error instanceof TransactionFailedError) {
    const { txId } = error;
    return chaincodeRefusal(error.message, txId, error) ?? new LedgerError('ENDORSEMENT_FAILED', 'the transaction was not endorsed', { txId, cause: error });
  }
  return error;
}
