import type { ErrorCode, RefusedAccess } from '@medledger/chaincode/client';
import type { Principal } from '../identity/principals/principal';

/**
 * An endorsed transaction on its way to the orderer, as the LedgerClient that made it can send it
 * again (settle). The envelope is opaque outside that client: on Fabric the endorsed transaction
 * (arguments and public write set, as on the ledger; never the transient map), on the embedded
 * ledger the result alone.
 */
export interface PreparedTransaction {
  txId: string;
  fn: string;
  envelope: string;
}

/**
 * Told of each transaction a submit is about to order, before it goes: what a caller keeps so that
 * the outcome can be learned after a crash (api/idempotency.ts). The transaction is not sent until
 * prepared() resolves, and not at all if it throws.
 */
export interface SubmitJournal {
  prepared(transaction: PreparedTransaction): Promise<void>;
}

/** What the ledger decided of a prepared transaction: committed VALID (with its result), or never going to be. */
export type Settlement = { committed: true; txId: string; payload: string } | { committed: false; txId: string };

/** How the gateway talks to the ledger on a principal's behalf: a Fabric network, or the embedded simulator. */
export interface LedgerClient {
  /** Endorses, orders and waits for the commit; resolves only once the transaction is VALID. */
  submit(principal: Principal, fn: string, args?: string[], transient?: Record<string, string>, journal?: SubmitJournal): Promise<{ txId: string; payload: string }>;
  /**
   * Learns for certain whether a prepared transaction (one the journal was told of) committed,
   * whatever happened to the process that prepared it: the same transaction is sent again, which
   * the ledger commits at most once (a second copy of an ID is DUPLICATE_TXID), so it is either
   * committed now, or was already, or failed validation. Throws TIMEOUT or COMMIT_STATUS_UNKNOWN
   * when the ledger cannot tell yet. Only the principal that prepared it may settle it.
   */
  settle(principal: Principal, transaction: PreparedTransaction): Promise<Settlement>;
  /**
   * Runs a transaction on one peer without ordering it: nothing it writes is committed. The
   * transient map carries what qualifies the call without being an argument (the stated purpose).
   */
  evaluate(principal: Principal, fn: string, args?: string[], transient?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

/** Registers/enrolls a principal's own Fabric identity. */
export interface IdentityProvisioner {
  ensureIdentity(principal: Principal): Promise<void>;
  revokeIdentity(principal: Principal): Promise<void>;
}

/** What either ledger mode gives the application. */
export interface LedgerAccess {
  ledger: LedgerClient;
  provisioner: IdentityProvisioner;
}

/** A principal's enrollment certificate and its private key, encrypted at rest (see key-envelope.ts). */
export interface StoredIdentity {
  principalId: string;
  mspId: string;
  certificatePem: string;
  encryptedPrivateKey: string;
  notAfter: string;
  enrollmentId: string;
  revokedAt?: string;
}

/** Fabric identities as the gateway keeps them (SQLite: sqlite-fabric-identities.ts). */
export interface IdentityRecordStore {
  get(principalId: string): Promise<StoredIdentity | undefined>;
  put(record: StoredIdentity): Promise<void>;
}

/**
 * Codes the gateway adds to the chaincode catalog for failures that are not the contract's decision.
 * Each says what happened and what the client may do; its HTTP status is looked up by code
 * (api/errors/catalog.ts), never carried on the error, so the two cannot disagree.
 */
export const LEDGER_FAILURE_CODES = [
  /** No peer (or CA) could be reached; nothing was ordered. */
  'NETWORK_UNAVAILABLE',
  /** The ledger did not answer in time (DEADLINE_EXCEEDED); a change may still commit (txId). */
  'TIMEOUT',
  /** The transaction went to the orderer but its commit status could not be learned; it may still commit (txId). */
  'COMMIT_STATUS_UNKNOWN',
  /**
   * A peer whose endorsement (or evaluation) the transaction needs, or that peer's chaincode, could
   * not be reached (fabric/endorser-reachability.ts); nothing was ordered.
   */
  'ENDORSER_UNAVAILABLE',
  /** The peers did not endorse (or evaluate) the proposal, for a reason that is neither a contract refusal nor an unreachable endorser. */
  'ENDORSEMENT_FAILED',
  /** The orderer refused the endorsed transaction; nothing was committed. */
  'ORDERING_FAILED',
  /** Still an MVCC or phantom read conflict after the gateway's own retries; proposing it again may succeed. */
  'READ_CONFLICT',
  /** Committed with another validation code than VALID or a read conflict (e.g. ENDORSEMENT_POLICY_FAILURE). */
  'COMMIT_REJECTED',
  'IDENTITY_REVOKED',
  'ENROLLMENT_FAILED',
] as const;

export type LedgerFailureCode = (typeof LEDGER_FAILURE_CODES)[number];

/**
 * Failures after which a transaction that was sent to the orderer may still commit. Every other
 * failure (a refusal, an endorsement that failed, a commit that failed validation) means that
 * nothing the call sent committed.
 */
const OUTCOME_UNKNOWN: ReadonlySet<LedgerErrorCode> = new Set(['TIMEOUT', 'COMMIT_STATUS_UNKNOWN', 'NETWORK_UNAVAILABLE', 'ORDERING_FAILED']);

/** Whether a submit that failed this way may still have committed; anything not a LedgerError (a crash in between) may have. */
export function mayHaveCommitted(error: unknown): boolean {
  return !(error instanceof LedgerError) || OUTCOME_UNKNOWN.has(error.code);
}

export type LedgerErrorCode = ErrorCode | LedgerFailureCode;

/**
 * A transaction or identity operation the ledger refused or could not complete. `code` is stable:
 * the chaincode's catalog code, or one of LedgerFailureCode; the HTTP status follows from the code
 * alone. `txId` is set whenever a Fabric transaction ID exists, so a client or operator can look
 * the transaction up even when its outcome is unknown (TIMEOUT, COMMIT_STATUS_UNKNOWN).
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly code: LedgerErrorCode;
  readonly txId?: string;
  /** The access a CONSENT_REQUIRED refusal refused, as the chaincode tagged it (the tag is not in the message). */
  readonly refusedAccess?: RefusedAccess;

  constructor(code: LedgerErrorCode, message: string, options: { txId?: string; cause?: unknown; refusedAccess?: RefusedAccess } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.txId !== undefined) {
      this.txId = options.txId;
    }
    if (options.refusedAccess !== undefined) {
      this.refusedAccess = options.refusedAccess;
    }
  }
}

/** The slice of a pino logger this folder uses; tests pass a recording fake. */
export interface LedgerLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
