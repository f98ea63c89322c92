import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { ERROR_CATALOG, errorCodeOf } from '@medledger/chaincode';
import { TransactionFailedError } from '@medledger/ledger-sim';
import { LedgerError } from './types';

/**
 * The one mapping from ledger failures to LedgerError, shared by the Fabric and the embedded
 * client so the same refusal gives the same code and HTTP status in both modes.
 *
 * A contract refusal is recognised only by the stable code its message starts with
 * (errorCodeOf); the rest of the wording is never interpreted.
 */

/** Where in a transaction's life a failure happened; decides what an unexplained failure means. */
export type LedgerPhase = 'evaluate' | 'endorse' | 'submit' | 'commitStatus';

/** Validation codes that mean "someone else wrote first": the transaction may succeed if proposed again. */
const READ_CONFLICTS: ReadonlySet<number> = new Set([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);
const VALIDATION_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));

export function isReadConflict(validationCode: number): boolean {
  return READ_CONFLICTS.has(validationCode);
}

/** A contract refusal: the catalog code at the start of the chaincode's message, if it has one. */
export function chaincodeRefusal(message: string, txId?: string, cause?: unknown): LedgerError | undefined {
  const code = errorCodeOf(message);
  if (code === undefined) {
    return undefined;
  }
  const detail = message.slice(message.indexOf(`${code}: `));
  return new LedgerError(code, ERROR_CATALOG[code].httpStatus, detail, { ...(txId === undefined ? {} : { txId }), cause });
}

/** A transaction that was ordered but committed with a status other than VALID. */
export function commitFailure(validationCode: number, txId: string): LedgerError {
  const name = validationName(validationCode);
  // a read conflict that outlived our retries is the client's to retry later; anything else is ours
  const httpStatus = isReadConflict(validationCode) ? 409 : 502;
  return new LedgerError('COMMIT_FAILED', httpStatus, `transaction ${txId} was not committed: ${name}`, { txId });
}

/**
 * Maps an error thrown by fabric-gateway. Errors that are not the ledger's (programming errors)
 * are returned unchanged, so they surface as 500s with their stack.
 */
export function fabricFailure(error: unknown, phase: LedgerPhase, txId?: string): unknown {
  if (error instanceof LedgerError) {
    return error;
  }
  if (error instanceof CommitError) {
    return commitFailure(error.code, error.transactionId);
  }
  if (!(error instanceof GatewayError)) {
    return error;
  }
  const id = txId ?? transactionIdOf(error);
  const withId = id === undefined ? {} : { txId: id };
  // the peers' own messages first (each endorser's detail), then the status message without the gRPC prefix
  const messages = [...error.details.map((detail) => detail.message), error.cause?.details ?? ''];
  for (const message of messages) {
    const refusal = chaincodeRefusal(message, id, error);
    if (refusal !== undefined) {
      return refusal;
    }
  }
  const where = id === undefined ? phase : `${phase} of ${id}`;
  switch (error.code) {
    case GrpcStatus.UNAVAILABLE:
      return new LedgerError('NETWORK_UNAVAILABLE', 503, `the Fabric gateway peer is unavailable (${where})`, { ...withId, cause: error });
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new LedgerError('TIMEOUT', 504, `the Fabric network did not answer in time (${where})`, { ...withId, cause: error });
    default:
      return phase === 'submit' || phase === 'commitStatus'
        ? new LedgerError('COMMIT_FAILED', 502, `the transaction could not be ordered (${where}): gRPC ${GrpcStatus[error.code] ?? error.code}`, {
            ...withId,
            cause: error,
          })
        : new LedgerError('ENDORSEMENT_FAILED', 502, `the transaction was not endorsed (${where}): gRPC ${GrpcStatus[error.code] ?? error.code}`, {
            ...withId,
            cause: error,
          });
  }
}

/** Maps a refusal of the embedded simulator (TransactionFailedError carries the chaincode message and txId). */
export function simulatorFailure(error: unknown): unknown {
  if (error instanceof TransactionFailedError) {
    const { txId } = error;
    return chaincodeRefusal(error.message, txId, error) ?? new LedgerError('ENDORSEMENT_FAILED', 502, 'the transaction was not endorsed', { txId, cause: error });
  }
  return error;
}

export function isDeadlineExceeded(error: unknown): boolean {
  return error instanceof GatewayError && error.code === GrpcStatus.DEADLINE_EXCEEDED;
}

function validationName(code: number): string {
  return VALIDATION_NAMES.get(code) ?? `validation code ${code}`;
}

function transactionIdOf(error: GatewayError): string | undefined {
  const id = (error as GatewayError & { transactionId?: unknown }).transactionId;
  return typeof id === 'string' ? id : undefined;
}
