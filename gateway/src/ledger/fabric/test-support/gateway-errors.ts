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
