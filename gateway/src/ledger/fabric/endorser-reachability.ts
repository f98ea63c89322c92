import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import type { ErrorDetail, GatewayError } from '@hyperledger/fabric-gateway';

/**
 * Whether a failed evaluate or endorse says that a peer the transaction needs, or that peer's
 * chaincode, could not be reached: the network is partly down, nothing was committed, and the
 * same request may succeed later. Fabric's Gateway gives no structured reason for this, only the
 * gRPC status and each endorser's message, so the shapes below are the ones Fabric 3.1 produces
 * (measured on the real network by the fault suite, acceptance/faults/). Only the shape is read:
 * no message reaches a client, and contract refusals are recognised before this is asked.
 *
 * - An endorser of another organisation is down and discovery knows it: FAILED_PRECONDITION, no
 *   details, "no combination of peers can be derived which satisfy the endorsement policy".
 * - An endorser went down and the Gateway peer still tried it: ABORTED, that endorser's detail is
 *   the failed gRPC call to it, "rpc error: code = Unavailable desc = ...".
 * - The chaincode server is down: ABORTED (evaluate and endorse), each endorser's detail is the
 *   peer's "... could not launch chaincode ...", or "... chaincode stream terminated" when it died
 *   during the call (the suffix Fabric's own Gateway tests for: core/chaincode ErrorStreamTerminated).
 *
 * Any detail of another kind (a "ProposalResponsePayloads do not match", an access failure) keeps
 * the failure an endorsement failure: every detail must name an unreachable endorser.
 */
export function endorserUnreachable(error: GatewayError): { mspIds: string[] } | undefined {
  if (error.code === FAILED_PRECONDITION && error.details.length === 0 && NO_ENDORSER_COMBINATION.test(statusMessage(error))) {
    return { mspIds: [] };
  }
  if (error.code === ABORTED && error.details.length > 0 && error.details.every(isUnreachable)) {
    return { mspIds: [...new Set(error.details.map((detail) => detail.mspId))].sort() };
  }
  return undefined;
}

const FAILED_PRECONDITION: number = GrpcStatus.FAILED_PRECONDITION;
const ABORTED: number = GrpcStatus.ABORTED;

/** Discovery found no set of live peers that satisfies the endorsement policy (discovery/endorsement). */
const NO_ENDORSER_COMBINATION = /no (?:combination of peers can be derived|peer combination can satisfy)/;
/** The Gateway peer's own gRPC call to the endorser failed for want of a connection (grpc-go's status text). */
const CALL_UNAVAILABLE = /^rpc error: code = Unavailable\b/;
/** The endorsing peer could not reach its chaincode server, or lost it during the call. */
const CHAINCODE_UNREACHABLE = /could not launch chaincode|chaincode stream terminated$/;

/** What the chaincode itself answered: it was reached, whatever its text says. */
const CHAINCODE_ANSWER = /^chaincode response \d+,/;

function isUnreachable({ message }: ErrorDetail): boolean {
  return !CHAINCODE_ANSWER.test(message) && (CALL_UNAVAILABLE.test(message) || CHAINCODE_UNREACHABLE.test(message));
}

function statusMessage(error: GatewayError): string {
  // typed as always present, but a GatewayError built without a gRPC cause must not throw here
  return (error.cause as ServiceError | undefined)?.details ?? '';
}
