import type { CallOptions } from '@grpc/grpc-js';
import type { Principal } from '../../identity/principals/principal';
import type { Deadlines } from './fabric-gateway-connector';
import type { CommitPort, GatewayConnector, GatewayPort, ProposalPort, SigningMaterial } from './gateway-port';
import { commitFailure, fabricFailure, isCutOffAtDeadline, isReadConflict, type LedgerPhase } from './ledger-errors';
import { LruCache } from './lru-cache';
import type { LedgerClient, LedgerLogger, PreparedTransaction, Settlement, StoredIdentity, SubmitJournal } from '../ledger-port';

/** Where the client gets a principal's identity (EnrolledIdentities in production). */
export interface IdentitySource {
  current(principal: Principal): Promise<StoredIdentity>;
  signingMaterial(record: StoredIdentity): SigningMaterial;
}

export interface FabricLedgerClientOptions {
  connect: GatewayConnector;
  identities: IdentitySource;
  /** The shared gRPC connections; closed after every Gateway. */
  connections: { close(): void };
  deadlines: Deadlines;
  /** Attempts per submit, counting the first, when the commit fails on a read conflict. */
  submitAttempts: number;
  gatewayCacheSize: number;
  logger: LedgerLogger;
  /** Backoff before a conflict retry: a random delay up to base·2^(attempt−1), capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

interface CachedGateway {
  port: GatewayPort;
  certificatePem: string;
}

interface CallContext {
  principalId: string;
  fn: string;
}

const utf8 = new TextDecoder();

/**
 * The LedgerClient on a Fabric network through the Fabric Gateway service. Each principal signs
 * with its own enrolled identity; their Gateways share one gRPC connection per peer.
 *
 * submit returns only once the transaction committed VALID. A commit that lost a read conflict is
 * proposed again as a new transaction (a new ID and fresh reads); a contract refusal is final. When
 * the submit's outcome is unknown (deadline exceeded), the client asks for the commit status of
 * that same transaction instead of proposing it again, which could apply it twice.
 *
 * A journal given to submit is told of each endorsed transaction before it goes to the orderer;
 * settle sends such a transaction again (the same ID, which Fabric commits at most once) and
 * answers what the ledger made of it, so a crash between the two can be resolved exactly.
 */
export class FabricLedgerClient implements LedgerClient {
  readonly #options: Required<FabricLedgerClientOptions>;
  readonly #gateways: LruCache<string, CachedGateway>;
  #closed = false;

  constructor(options: FabricLedgerClientOptions) {
    this.#options = {
      retryBaseMs: 50,
      retryMaxMs: 1_000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      ...options,
    };
    // an evicted (or replaced) Gateway holds no connection of its own; closing it releases its resources
    this.#gateways = new LruCache(options.gatewayCacheSize, (_principalId, cached) => {
      cached.port.close();
    });
  }

  async evaluate(principal: Principal, fn: string, args: string[] = [], transient?: Record<string, string>): Promise<string> {
    const gateway = await this.#gatewayFor(principal);
    const proposal = gateway.newProposal(fn, { arguments: args, ...(transient === undefined ? {} : { transientData: encodeTransient(transient) }) });
    const txId = proposal.getTransactionId();
    const context = { principalId: principal.id, fn };
    try {
      const result = await proposal.evaluate(this.#within('evaluateMs'));
      // debug: a query changes nothing and the access log already has the request; at info this line cost every read a log write (issue 13)
      this.#options.logger.debug({ txId, ...context }, 'ledger query evaluated');
      return utf8.decode(result);
    } catch (error) {
      throw this.#failed(error, 'evaluate', txId, context);
    }
  }

  async submit(principal: Principal, fn: string, args: string[] = [], transient?: Record<string, string>, journal?: SubmitJournal): Promise<{ txId: string; payload: string }> {
    const gateway = await this.#gatewayFor(principal);
    const transientData = transient === undefined ? undefined : encodeTransient(transient);
    const context = { principalId: principal.id, fn };
    for (let attempt = 1; ; attempt += 1) {
      const proposal = gateway.newProposal(fn, { arguments: args, ...(transientData === undefined ? {} : { transientData }) });
      const txId = proposal.getTransactionId();
      const { status, payload } = await this.#submitOnce(gateway, proposal, txId, context, journal);
      if (status.successful) {
        this.#options.logger.info({ txId, ...context, attempt, blockNumber: status.blockNumber.toString() }, 'ledger transaction committed');
        return { txId, payload };
      }
      if (isReadConflict(status.code) && attempt < this.#options.submitAttempts) {
        this.#options.logger.warn({ txId, ...context, attempt, validationCode: status.code }, 'read conflict at commit; proposing a new transaction');
        await this.#options.sleep(this.#backoff(attempt));
        continue;
      }
      throw this.#failed(commitFailure(status.code, txId), 'commitStatus', txId, context);
    }
  }

  async settle(principal: Principal, transaction: PreparedTransaction): Promise<Settlement> {
    const gateway = await this.#gatewayFor(principal);
    const { txId } = transaction;
    const context = { principalId: principal.id, fn: transaction.fn };
    const prepared = gateway.preparedOf(Buffer.from(transaction.envelope, 'base64'));
    if (prepared.getTransactionId() !== txId) {
      throw new Error(`the prepared envelope is of transaction ${prepared.getTransactionId()}, not ${txId}`);
    }
    let commit: CommitPort;
    try {
      commit = await prepared.submit(this.#within('submitMs'));
    } catch (error) {
      // not sent again (orderer unreachable, certificate renewed since): the copy sent before, if any, still decides
      this.#options.logger.warn({ txId, ...context, code: codeOf(fabricFailure(error, 'submit', txId)) }, 'prepared transaction not sent again; asking for its commit status');
      commit = gateway.commitOf(txId);
    }
    let status;
    try {
      status = await commit.getStatus(this.#within('commitStatusMs'));
    } catch (error) {
      throw this.#failed(error, 'commitStatus', txId, context);
    }
    this.#options.logger.info({ txId, ...context, validationCode: status.code }, 'prepared transaction settled');
    return status.successful ? { committed: true, txId, payload: utf8.decode(prepared.getResult()) } : { committed: false, txId };
  }

  /** Gateways first, then the connections they use. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#gateways.clear();
      this.#options.connections.close();
    }
    return Promise.resolve();
  }

  async #submitOnce(gateway: GatewayPort, proposal: ProposalPort, txId: string, context: CallContext, journal: SubmitJournal | undefined) {
    let endorsed;
    try {
      endorsed = await proposal.endorse(this.#within('endorseMs'));
    } catch (error) {
      throw this.#failed(error, 'endorse', txId, context);
    }
    await journal?.prepared({ txId, fn: context.fn, envelope: Buffer.from(endorsed.getBytes()).toString('base64') });
    let commit: CommitPort;
    try {
      commit = await endorsed.submit(this.#within('submitMs'));
    } catch (error) {
      if (!isCutOffAtDeadline(error)) {
        throw this.#failed(error, 'submit', txId, context);
      }
      // the orderer may have the transaction even though the answer never came back
      this.#options.logger.warn({ txId, ...context }, 'submit deadline exceeded; asking for the commit status of the same transaction');
      commit = gateway.commitOf(txId);
    }
    try {
      // waits for the commit; a deadline here leaves the outcome unknown and is reported with the txId, never retried
      const status = await commit.getStatus(this.#within('commitStatusMs'));
      return { status, payload: utf8.decode(endorsed.getResult()) };
    } catch (error) {
      throw this.#failed(error, 'commitStatus', txId, context);
    }
  }

  async #gatewayFor(principal: Principal): Promise<GatewayPort> {
    this.#assertOpen();
    const record = await this.#options.identities.current(principal);
    this.#assertOpen();
    const cached = this.#gateways.get(principal.id);
    if (cached?.certificatePem === record.certificatePem) {
      return cached.port;
    }
    // first use, or the certificate was renewed: the old Gateway (if any) is replaced and closed
    const port = this.#options.connect(this.#options.identities.signingMaterial(record));
    this.#gateways.set(principal.id, { port, certificatePem: record.certificatePem });
    return port;
  }

  #within(deadline: keyof Deadlines): CallOptions {
    return { deadline: Date.now() + this.#options.deadlines[deadline] };
  }

  #backoff(attempt: number): number {
    const { retryBaseMs, retryMaxMs, random } = this.#options;
    return Math.round(random() * Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1)));
  }

  /** Maps the failure and logs it with the transaction ID, never with arguments or transient data. */
  #failed(error: unknown, phase: LedgerPhase, txId: string, context: CallContext): unknown {
    const mapped = fabricFailure(error, phase, txId);
    this.#options.logger.warn({ txId, ...context, phase, code: codeOf(mapped) }, 'ledger call failed');
    return mapped;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new Error('the ledger client is closed');
    }
  }
}

/** A mapped failure's code for the log; a programming error has none. */
function codeOf(mapped: unknown): string {
  const code = (mapped as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'UNEXPECTED';
}

function encodeTransient(transient: Record<string, string>): Record<string, Uint8Array> {
  const encoder = new TextEncoder();
  return Object.fromEntries(Object.entries(transient).map(([key, value]) => [key, encoder.encode(value)]));
}
