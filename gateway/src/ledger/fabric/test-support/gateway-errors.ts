import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, EndorseError, GatewayError, type ErrorDetail } from '@hyperledger/fabric-gateway';
// SubmitError is exported as a type only; the class is what the library throws
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';

export type FailingCall = 'evaluate' | 'endorse' | 'submit' | 'commitStatus';

/** A gRPC failure as grpc-js reports it: "<code> <NAME>: <details>". */
export function serviceError(code: GrpcStatus, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), { code, details, metadata: new Metadata() });
}

/** The error fabric-gateway throws from the given call, with the peers' error details. */
export function gatewayError(call: FailingCall, code: GrpcStatus, options: { details?: string; peers?: ErrorDetail[]; txId?: string } = {}): GatewayError {
  const cause = serviceError(code, options.details ?? 'failed');
  const properties = { code, details: options.peers ?? [], cause, message: cause.message, transactionId: options.txId ?? 'unknown-tx' };
  switch (call) {
    case 'evaluate':
      return new GatewayError(properties);
    case 'endorse':
      return new EndorseError(properties);
    case 'submit':
      return new SubmitError(properties);
    case 'commitStatus':
      return new CommitStatusError(properties);
  }
}

/** A contract refusal as the Gateway peer reports it: ABORTED, each endorser's message in the details. */
export function contractRefusal(call: 'evaluate' | 'endorse', chaincodeMessage: string, txId?: string): GatewayError {
  const peerMessage = `chaincode response 500, ${chaincodeMessage}`;
  return call === 'evaluate'
    ? gatewayError('evaluate', GrpcStatus.UNKNOWN, {
        details: `evaluate call to endorser returned error: ${peerMessage}`,
        peers: [{ address: 'peer0.providers.medledger.local:7051', mspId: 'ProvidersMSP', message: peerMessage }],
        ...(txId === undefined ? {} : { txId }),
      })
    : gatewayError('endorse', GrpcStatus.ABORTED, {
        details: 'failed to endorse transaction, see attached details for more info',
        peers: [
          { address: 'peer0.providers.medledger.local:7051', mspId: 'ProvidersMSP', message: peerMessage },
          { address: 'peer0.payers.medledger.local:9051', mspId: 'PayersMSP', message: peerMessage },
        ],
        ...(txId === undefined ? {} : { txId }),
      });
}

const PROVIDERS_PEER = { address: 'localhost:7051', mspId: 'ProvidersMSP' };
const PAYERS_PEER = { address: 'localhost:9051', mspId: 'PayersMSP' };
const CHAINCODE_ID = 'medledger_1.0:ad5f21a476c06c436271143ff71c05ab4a152e9ef921aad4f3b25329cc8bab66';

/**
 * Failures as Fabric 3.1.5's Gateway peer reported them on the real network while a node was down
 * (acceptance/faults/: peer0-payers or the chaincode server SIGKILLed), word for word but for the
 * transaction IDs: what fabric/endorser-reachability.ts must recognise, and what it must not.
 */
export const unreachable = {
  /** The Payers peer is down and discovery knows it: the endorsement policy (AND) cannot be met. */
  otherOrgPeerDown: (txId?: string) =>
    gatewayError('endorse', GrpcStatus.FAILED_PRECONDITION, {
      details: 'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
      ...(txId === undefined ? {} : { txId }),
    }),
  /** The Payers peer went down while the Gateway peer still had it in its plan. */
  otherOrgPeerCallFailed: (txId?: string) =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to collect enough transaction endorsements, see attached details for more info',
      peers: [{ ...PAYERS_PEER, message: 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:9051: connect: connection refused"' }],
      ...(txId === undefined ? {} : { txId }),
    }),
  /** The Payers peer was killed while endorsing this proposal. */
  otherOrgPeerKilledMidCall: (txId?: string) =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to collect enough transaction endorsements, see attached details for more info',
      peers: [{ ...PAYERS_PEER, message: 'rpc error: code = Unavailable desc = error reading from server: EOF' }],
      ...(txId === undefined ? {} : { txId }),
    }),
  /** The chaincode server came back while the peer was registering it again. */
  chaincodeRegistrationFailed: (txId?: string) =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to endorse transaction, see attached details for more info',
      peers: [{ ...PROVIDERS_PEER, message: `error in simulation: failed to execute transaction 2997c52b: could not launch chaincode ${CHAINCODE_ID}: chaincode registration failed: connection to ${CHAINCODE_ID} failed: error cannot create connection for ${CHAINCODE_ID}` }],
      ...(txId === undefined ? {} : { txId }),
    }),
  /** The chaincode server is down: every peer asked says it could not launch the chaincode. */
  chaincodeDown: (call: 'evaluate' | 'endorse', txId?: string) =>
    gatewayError(call, GrpcStatus.ABORTED, {
      details: `failed to ${call} transaction, see attached details for more info`,
      peers: (call === 'evaluate' ? [PROVIDERS_PEER, PAYERS_PEER] : [PROVIDERS_PEER]).map((peer) => ({
        ...peer,
        message: `error in simulation: failed to execute transaction 2997c52b: could not launch chaincode ${CHAINCODE_ID}: connection to ${CHAINCODE_ID} failed: error cannot create connection for ${CHAINCODE_ID}: error creating grpc connection to localhost:9999: failed to create new connection: connection error: desc = "transport: error while dialing: dial tcp 127.0.0.1:9999: connect: connection refused"`,
      })),
      ...(txId === undefined ? {} : { txId }),
    }),
  /** The chaincode server died during the call. */
  chaincodeDiedMidCall: (txId?: string) =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to endorse transaction, see attached details for more info',
      peers: [{ ...PROVIDERS_PEER, message: 'error in simulation: failed to execute transaction 2997c52b: chaincode stream terminated' }],
      ...(txId === undefined ? {} : { txId }),
    }),
};

/** Endorsement failures that are not unavailability: the peers were reached and disagreed, or refused the caller. */
export const notUnreachable = {
  payloadMismatch: () =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to collect enough transaction endorsements, see attached details for more info',
      peers: [{ ...PAYERS_PEER, message: 'ProposalResponsePayloads do not match' }],
    }),
  /** One endorser unreachable, the other's answer differing: the mismatch decides. */
  mixed: () =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to collect enough transaction endorsements, see attached details for more info',
      peers: [
        { ...PAYERS_PEER, message: 'rpc error: code = Unavailable desc = error reading from server: EOF' },
        { ...PROVIDERS_PEER, message: 'ProposalResponsePayloads do not match' },
      ],
    }),
  accessDenied: () =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to endorse transaction, see attached details for more info',
      peers: [{ ...PROVIDERS_PEER, message: 'access denied: channel [medledger] creator org unknown, creator is malformed' }],
    }),
  /** A chaincode's own uncoded error that happens to use the words: the chaincode was reached. */
  chaincodeAnswer: () =>
    gatewayError('endorse', GrpcStatus.ABORTED, {
      details: 'failed to endorse transaction, see attached details for more info',
      peers: [{ ...PROVIDERS_PEER, message: 'chaincode response 500, could not launch chaincode helper' }],
    }),
  transientWithoutLocalEndorser: () =>
    gatewayError('endorse', GrpcStatus.FAILED_PRECONDITION, {
      details: "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect transient data",
    }),
};
