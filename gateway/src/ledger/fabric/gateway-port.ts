import type { KeyObject } from 'node:crypto';
import type { CallOptions } from '@grpc/grpc-js';

/**
 * The few fabric-gateway calls the ledger client makes, as interfaces. fabric-gateway's own
 * Proposal, Transaction and SubmittedTransaction satisfy them, and unit tests script them to
 * produce every outcome (conflicts, contract errors, lost connections, deadlines) without a peer.
 */
export interface CommitPort {
  getStatus(options: CallOptions): Promise<{ code: number; successful: boolean; blockNumber: bigint }>;
}

export interface EndorsedTransactionPort {
  getTransactionId(): string;
  getResult(): Uint8Array;
  /** The endorsed transaction, serialized: what preparedOf() turns back into one, to send it again. */
  getBytes(): Uint8Array;
  submit(options: CallOptions): Promise<CommitPort>;
}

export interface ProposalPort {
  getTransactionId(): string;
  evaluate(options: CallOptions): Promise<Uint8Array>;
  endorse(options: CallOptions): Promise<EndorsedTransactionPort>;
}

/** One principal's connection to the network: fabric-gateway's Gateway bound to the channel and chaincode. */
export interface GatewayPort {
  /** A new proposal, with a new transaction ID each time. */
  newProposal(fn: string, options: { arguments: string[]; transientData?: Record<string, Uint8Array> }): ProposalPort;
  /** The commit status of a transaction this principal submitted, known only by its ID. */
  commitOf(txId: string): CommitPort;
  /** An endorsed transaction of this principal again, from its getBytes(): the same ID, signed anew when sent. */
  preparedOf(bytes: Uint8Array): EndorsedTransactionPort;
  close(): void;
}

/** What signs for a principal: certificate and private key, decrypted only in memory. */
export interface SigningMaterial {
  principalId: string;
  mspId: string;
  certificatePem: string;
  privateKey: KeyObject;
}

export type GatewayConnector = (identity: SigningMaterial) => GatewayPort;
