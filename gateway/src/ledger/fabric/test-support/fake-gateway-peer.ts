import { verify, X509Certificate } from 'node:crypto';
import { status as GrpcStatus, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import type { GrpcClient } from '@hyperledger/fabric-gateway';
import { common, gateway, msp, peer } from '@hyperledger/fabric-protos';
import { serviceError } from './gateway-errors';

const P256_HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

export interface PeerRequest {
  method: 'Evaluate' | 'Endorse' | 'Submit' | 'CommitStatus';
  txId: string;
  channel: string;
  deadline: CallOptions['deadline'];
  /** Evaluate/Endorse: the invoked function, its arguments and transient keys. */
  args?: string[];
  transient?: Map<string, string>;
  /** CommitStatus: the serialized request, to compare with fabric-gateway's own. */
  commitStatusRequest?: Uint8Array;
  /** The MSP ID and certificate of the request's creator (not for Submit, whose creator is checked against the endorsement). */
  creatorMspId?: string;
  creatorCertificatePem?: string;
}

/** How the peer answers; each field applies to every call of that kind until changed. */
export interface PeerBehaviour {
  result?: string;
  submitError?: ServiceError;
  /** Accept the submit but answer only after this long (a late orderer acknowledgement). */
  submitDelayMs?: number;
  commitCode?: number;
}

/**
 * A Fabric Gateway peer at the gRPC level, for fabric-gateway's real client code: it decodes each
 * request with the Fabric protobufs, checks every signature the way a peer does (ECDSA over
 * SHA-256 of the signed bytes, low S only, by the creator in the message) and answers with
 * well-formed responses. Only unary calls are supported.
 */
export class FakeGatewayPeer {
  readonly requests: PeerRequest[] = [];
  behaviour: PeerBehaviour = {};
  readonly #creators = new Map<string, string>(); // txId → certificate that proposed it

  get client(): GrpcClient {
    return { makeUnaryRequest: (...args: unknown[]) => this.#unary(args) } as unknown as GrpcClient;
  }

  #unary(args: unknown[]): { cancel(): void } {
    const [path, serialize, deserialize, argument, ...rest] = args as [string, (value: unknown) => Buffer, (bytes: Buffer) => unknown, unknown, ...unknown[]];
    const callback = rest.at(-1) as (error: ServiceError | null, value?: unknown) => void;
    const options = (rest.length >= 2 ? rest.at(-2) : {}) as CallOptions;
    const method = path.split('/').at(-1) as PeerRequest['method'];
    setTimeout(() => {
      try {
        // through the wire format, as a real call would
        const response = this.handle(method, serialize(argument), options.deadline);
        callback(null, deserialize(Buffer.from(response)));
      } catch (error) {
        // a refusal of the fake itself (bad signature, malformed request) must reach the test as a failure, not a hang
        callback('metadata' in (error as object) ? (error as ServiceError) : serviceError(GrpcStatus.INTERNAL, (error as Error).message));
      }
    }, this.delayOf(method));
    return { cancel: () => undefined };
  }

  /** How long the answer to this kind of request is held back. */
  delayOf(method: PeerRequest['method']): number {
    return method === 'Submit' ? (this.behaviour.submitDelayMs ?? 0) : 0;
  }

  /** Answers one request given as bytes; throws to refuse it. */
  handle(method: PeerRequest['method'], bytes: Uint8Array, deadline: CallOptions['deadline']): Uint8Array {
    const options = { deadline };
    switch (method) {
      case 'Evaluate': {
        const request = gateway.EvaluateRequest.deserializeBinary(bytes);
        this.#proposal(method, request.getTransactionId(), request.getChannelId(), request.getProposedTransaction(), options);
        const response = new gateway.EvaluateResponse();
        const result = new peer.Response();
        result.setStatus(200);
        result.setPayload(Buffer.from(this.behaviour.result ?? ''));
        response.setResult(result);
        return response.serializeBinary();
      }
      case 'Endorse': {
        const request = gateway.EndorseRequest.deserializeBinary(bytes);
        this.#proposal(method, request.getTransactionId(), request.getChannelId(), request.getProposedTransaction(), options);
        const response = new gateway.EndorseResponse();
        response.setPreparedTransaction(preparedTransaction(request.getChannelId(), request.getTransactionId(), this.behaviour.result ?? ''));
        return response.serializeBinary();
      }
      case 'Submit': {
        const request = gateway.SubmitRequest.deserializeBinary(bytes);
        const envelope = required(request.getPreparedTransaction(), 'prepared transaction');
        const certificate = required(this.#creators.get(request.getTransactionId()), 'an endorsed transaction with this ID');
        checkSignature(envelope.getPayload_asU8(), envelope.getSignature_asU8(), certificate);
        this.requests.push({ method, txId: request.getTransactionId(), channel: request.getChannelId(), deadline: options.deadline });
        if (this.behaviour.submitError !== undefined) {
          throw this.behaviour.submitError;
        }
        return new gateway.SubmitResponse().serializeBinary();
      }
      case 'CommitStatus': {
        const signed = gateway.SignedCommitStatusRequest.deserializeBinary(bytes);
        const request = gateway.CommitStatusRequest.deserializeBinary(signed.getRequest_asU8());
        const creator = msp.SerializedIdentity.deserializeBinary(request.getIdentity_asU8());
        checkSignature(signed.getRequest_asU8(), signed.getSignature_asU8(), Buffer.from(creator.getIdBytes_asU8()).toString());
        this.requests.push({
          method,
          txId: request.getTransactionId(),
          channel: request.getChannelId(),
          deadline: options.deadline,
          commitStatusRequest: signed.getRequest_asU8(),
          creatorMspId: creator.getMspid(),
        });
        const response = new gateway.CommitStatusResponse();
        response.setResult((this.behaviour.commitCode ?? 0) as peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap]);
        response.setBlockNumber(5);
        return response.serializeBinary();
      }
    }
  }

  #proposal(method: 'Evaluate' | 'Endorse', txId: string, channel: string, signedProposal: peer.SignedProposal | undefined, options: { deadline: CallOptions['deadline'] }): void {
    const signed = required(signedProposal, 'signed proposal');
    const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
    const certificate = Buffer.from(creator.getIdBytes_asU8()).toString();
    checkSignature(signed.getProposalBytes_asU8(), signed.getSignature_asU8(), certificate);
    this.#creators.set(txId, certificate);

    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
    const args = (invocation.getChaincodeSpec()?.getInput()?.getArgsList_asU8() ?? []).map((arg) => Buffer.from(arg).toString());
    const transient = new Map<string, string>();
    // jspb.Map is untyped here (no google-protobuf typings): name the one method used
    const transientMap = payload.getTransientmapMap() as { forEach(visit: (value: Uint8Array | string, key: string) => void): void };
    transientMap.forEach((value, key) => transient.set(key, Buffer.from(value).toString()));
    this.requests.push({ method, txId, channel, deadline: options.deadline, args, transient, creatorMspId: creator.getMspid(), creatorCertificatePem: certificate });
  }
}

/** Signature by the certificate's key over SHA-256 of the bytes, with S in the lower half, as Fabric's MSP requires. */
function checkSignature(message: Uint8Array, signature: Uint8Array, certificatePem: string): void {
  const publicKey = new X509Certificate(certificatePem).publicKey;
  if (!verify('sha256', message, publicKey, signature)) {
    throw new Error('fake peer: bad signature');
  }
  if (derS(Buffer.from(signature)) > P256_HALF_ORDER) {
    throw new Error('fake peer: signature S is not low');
  }
}

function derS(der: Buffer): bigint {
  const rLength = der[3] ?? 0;
  const sLength = der[5 + rLength] ?? 0;
  return BigInt(`0x${der.subarray(6 + rLength, 6 + rLength + sLength).toString('hex')}`);
}

/** The smallest envelope fabric-gateway can read a channel and a chaincode result from. */
function preparedTransaction(channel: string, txId: string, result: string): common.Envelope {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setChannelId(channel);
  channelHeader.setTxId(txId);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(Buffer.from(result));
  const chaincodeAction = new peer.ChaincodeAction();
  chaincodeAction.setResponse(response);
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(chaincodeAction.serializeBinary());
  const endorsedAction = new peer.ChaincodeEndorsedAction();
  endorsedAction.setProposalResponsePayload(responsePayload.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsedAction);
  const action = new peer.TransactionAction();
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.addActions(action);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`fake peer: missing ${what}`);
  }
  return value;
}
