import type { Contract } from 'fabric-contract-api';

export type ContractClass = new () => Contract;

export interface MemoryLedgerOptions {
  /** fabric-contract-api Contract classes, exactly as the chaincode's index exports them. */
  contracts: ContractClass[];
  /** Private data collections defined for the chaincode; any other name is refused like Fabric does. */
  collections?: string[];
  /** Source of transaction timestamps when submit/evaluate are not given one. Default: wall clock. */
  clock?: () => Date;
  /** What stub.getMspID() returns: the organization of the (single) endorsing peer. Default 'ProvidersMSP'. */
  peerMspId?: string;
  /** Default 'medledger'. */
  channelId?: string;
  /** Chaincode (namespace) name, reported in events and peer error messages. Default 'medledger'. */
  chaincodeName?: string;
}

export interface IdentitySpec {
  mspId: string;
  commonName: string;
  /** fabric-ca attributes written into the enrollment certificate, as `fabric-ca-client enroll --enrollment.attrs` would. */
  attributes?: Record<string, string>;
}

/**
 * A client identity: an X.509 certificate issued by an in-memory CA of its organization. Any
 * object with these fields works, so a real enrollment certificate can be used as well.
 */
export type LedgerIdentity = {
  readonly mspId: string;
  readonly commonName: string;
  readonly certificatePem: string;
};

export interface InvokeOptions {
  /** Transient data: reaches the chaincode through getTransient() and is never stored. */
  transient?: Record<string, string | Uint8Array>;
  /** The proposal timestamp; defaults to the ledger's clock. */
  timestamp?: Date;
  /** Defaults to a fresh 64-hex transaction ID. */
  txId?: string;
  /**
   * Submit only: called once the proposal is endorsed, before it is committed, as a client is
   * between a peer's endorsement and the orderer. If it rejects, nothing is committed.
   */
  onEndorsed?: (endorsed: { txId: string; payload: string }) => Promise<void>;
}

export interface CommittedEvent {
  readonly txId: string;
  readonly blockNumber: number;
  readonly chaincodeName: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

export interface TransactionResult {
  txId: string;
  /** The returned bytes decoded as UTF-8. */
  payload: string;
  /** The chaincode event of the transaction, if it set one. */
  event?: CommittedEvent;
  blockNumber: number;
}
