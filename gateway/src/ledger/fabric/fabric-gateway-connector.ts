import type { CallOptions } from '@grpc/grpc-js';
import { connect, type GrpcClient } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos, msp } from '@hyperledger/fabric-protos';
import type { GatewayConnector } from './gateway-port';
import { nodeCryptoSigning } from './signer';

export interface Deadlines {
  evaluateMs: number;
  endorseMs: number;
  submitMs: number;
  commitStatusMs: number;
}

/**
 * Connects a principal's Gateway over the shared gRPC connection of its organisation. Every call
 * made through it already gets an explicit deadline from the ledger client; the defaults set here
 * are the backstop for any call that does not.
 */
/** The shared gRPC connection a principal's Gateway uses (GrpcClientPool). */
export interface ConnectionSource {
  clientFor(mspId: string, principalId: string): GrpcClient;
}

export function fabricGatewayConnector(options: { clients: ConnectionSource; channel: string; chaincode: string; deadlines: Deadlines }): GatewayConnector {
  const { clients, channel, chaincode, deadlines } = options;
  const within = (ms: number) => (): CallOptions => ({ deadline: Date.now() + ms });
  return (identity) => {
    const credentials = Buffer.from(identity.certificatePem);
    const gateway = connect({
      client: clients.clientFor(identity.mspId, identity.principalId),
      identity: { mspId: identity.mspId, credentials },
      ...nodeCryptoSigning(identity.privateKey),
      evaluateOptions: within(deadlines.evaluateMs),
      endorseOptions: within(deadlines.endorseMs),
      submitOptions: within(deadlines.submitMs),
      commitStatusOptions: within(deadlines.commitStatusMs),
    });
    const contract = gateway.getNetwork(channel).getContract(chaincode);
    return {
      newProposal: (fn, proposalOptions) => contract.newProposal(fn, proposalOptions),
      commitOf: (txId) => gateway.newCommit(commitStatusRequest(channel, txId, identity.mspId, credentials)),
      preparedOf: (bytes) => gateway.newTransaction(bytes),
      close: () => {
        gateway.close();
      },
    };
  };
}

/**
 * The unsigned commit status request fabric-gateway builds after a successful submit, built here
 * for a submit whose outcome is unknown (deadline exceeded): Gateway.newCommit signs and sends it.
 * Same fields, same creator (MSP ID + certificate) as fabric-gateway's own; the unit test compares
 * the two byte for byte.
 */
function commitStatusRequest(channel: string, txId: string, mspId: string, certificate: Uint8Array): Uint8Array {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(mspId);
  creator.setIdBytes(certificate);
  const request = new gatewayProtos.CommitStatusRequest();
  request.setChannelId(channel);
  request.setTransactionId(txId);
  request.setIdentity(creator.serializeBinary());
  const signed = new gatewayProtos.SignedCommitStatusRequest();
  signed.setRequest(request.serializeBinary());
  return signed.serializeBinary();
}
