import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { chaincodeRefusal } from '../chaincode-refusal';
import { LedgerError, type LedgerFailureCode } from '../ledger-port';
import { endorserUnreachable } from './endorser-reachability';

/**
 * The mapping from Fabric client failures to LedgerError. Each failure gets its own code; the HTTP
 * status follows from the code (api/errors/catalog.ts). Contract refusals are mapped by
 * chaincode-refusal.ts, which the embedded client shares, so the same refusal gives the same code
 * in both modes.
 */

/** Where in a transaction's life a failure happened; decides what an unexplained failure means. */
export type LedgerPhase = 'evaluate' | 'endorse' | 'submit' | 'commitStatus';

/** Validation codes that mean "someone else wrote first": the transaction may succeed if proposed again. */
const READ_CONFLICTS: ReadonlySet<number> = new Set([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);
/** The gRPC statuses this mapping tells apart, as the plain numbers GatewayError.code carries. */
const DEADLINE_EXCEEDED: number = GrpcStatus.DEADLINE_EXCEEDED;
const CANCELLED: number = GrpcStatus.CANCELLED;
const UNAVAILABLE: number = GrpcStatus.UNAVAILABLE;
const VALIDATION_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));

export function isReadConflict(validationCode: number): boolean {
  return READ_CONFLICTS.has(validationCode);
}

/**
 * A transaction that was ordered but committed with a status other than VALID: a read conflict
 * that outlived the client's retries is the caller's to retry later (READ_CONFLICT); any other
 * validation code (ENDORSEMENT_POLICY_FAILURE, DUPLICATE_TXID, ...) is not (COMMIT_REJECTED).
 */
export function commitFailure(validationCode: number, txId: string): LedgerError {
  const message = `transaction ${txId} was not committed: ${validationName(validationCode)}`;
  return new LedgerError(isReadConflict(validationCode) ? 'READ_CONFLICT' : 'COMMIT_REJECTED', message, { txId });
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
  return refusalIn(error, id) ?? unreachableEndorser(error, phase, id) ?? grpcFailure(error, phase, id);
}

/**
 * Before anything was ordered, a peer the transaction needs (or its chaincode) could not be
 * reached: ENDORSER_UNAVAILABLE (503), not an endorsement failure. Named by the organisations
 * concerned, never by the peers' text.
 */
function unreachableEndorser(error: GatewayError, phase: LedgerPhase, txId: string | undefined): LedgerError | undefined {
  if (phase !== 'evaluate' && phase !== 'endorse') {
    return undefined;
  }
  const unreachable = endorserUnreachable(error);
  if (unreachable === undefined) {
    return undefined;
  }
  const where = txId === undefined ? phase : `${phase} of ${txId}`;
  const whose = unreachable.mspIds.length === 0 ? 'no live set of peers satisfies the endorsement policy' : `unreachable: ${unreachable.mspIds.join(', ')}`;
  const message = `${GRPC_FAILURE_MESSAGES[phase]} (${where}): an endorsing peer or its chaincode could not be reached (${whose})`;
  return new LedgerError('ENDORSER_UNAVAILABLE', message, { ...(txId === undefined ? {} : { txId }), cause: error });
}

/** A contract refusal in the peers' own messages first (each endorser's detail), then in the status message without the gRPC prefix. */
function refusalIn(error: GatewayError, txId: string | undefined): LedgerError | undefined {
  // typed as always present, but a GatewayError built without a gRPC cause must not throw here
  const statusMessage = (error.cause as ServiceError | undefined)?.details ?? '';
  for (const message of [...error.details.map((detail) => detail.message), statusMessage]) {
    const refusal = chaincodeRefusal(message, txId, error);
    if (refusal !== undefined) {
      return refusal;
    }
  }
  return undefined;
}

/** A gRPC failure that is not a contract refusal, named by phase and transaction, never by the peer's text. */
function grpcFailure(error: GatewayError, phase: LedgerPhase, txId: string | undefined): LedgerError {
  const where = txId === undefined ? phase : `${phase} of ${txId}`;
  const message = `${GRPC_FAILURE_MESSAGES[phase]} (${where}): gRPC ${GrpcStatus[error.code] ?? error.code}`;
  return new LedgerError(grpcFailureCode(error.code, phase), message, { ...(txId === undefined ? {} : { txId }), cause: error });
}

const GRPC_FAILURE_MESSAGES: Readonly<Record<LedgerPhase, string>> = {
  evaluate: 'the query was not evaluated',
  endorse: 'the transaction was not endorsed',
  submit: 'the transaction was not ordered',
  commitStatus: 'the commit status of the transaction is unknown',
};

/**
 * A gRPC failure that is not a contract refusal. Once the transaction went to the orderer (a
 * failure while waiting for its status), its outcome is unknown whatever the gRPC status says.
 *
 * CANCELLED is a call cut off at its deadline too: when the deadline passes while the peer still
 * waits on the orderers, the peer resets the stream and grpc-js reports "1 CANCELLED: Call
 * cancelled" before its own DEADLINE_EXCEEDED (measured on the real network with 2 of 3 orderers
 * down: a submit failed so 5.0 s after it began, the submit deadline). A cut-off submit may still
 * be ordered, so it is TIMEOUT (504, ask for the txId's status), never "not committed".
 */
function grpcFailureCode(grpcCode: number, phase: LedgerPhase): LedgerFailureCode {
  if (grpcCode === DEADLINE_EXCEEDED || grpcCode === CANCELLED) {
    return 'TIMEOUT';
  }
  if (phase === 'commitStatus') {
    return 'COMMIT_STATUS_UNKNOWN';
  }
  if (grpcCode === UNAVAILABLE) {
    return 'NETWORK_UNAVAILABLE';
  }
  return phase === 'submit' ? 'ORDERING_FAILED' : 'ENDORSEMENT_FAILED';
}

/** A call cut off at its deadline, whichever of the two ways grpc-js reports it (see grpcFailureCode). */
export function isCutOffAtDeadline(error: unknown): boolean {
  return error instanceof GatewayError && (error.code === DEADLINE_EXCEEDED || error.code === CANCELLED);
}

function validationName(code: number): string {
  return VALIDATION_NAMES.get(code) ?? `validation code ${code}`;
}

function transactionIdOf(error: GatewayError): string | undefined {
  const id = (error as GatewayError & { transactionId?: unknown }).transactionId;
  return typeof id === 'string' ? id : undefined;
}
