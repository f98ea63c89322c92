import { status as GrpcStatus, type CallOptions } from '@grpc/grpc-js';
import type { CommitPort, GatewayConnector, GatewayPort, SigningMaterial } from '../gateway-port';
import { gatewayError } from './gateway-errors';

/**
 * What happens to the next proposal, call by call. Anything left out succeeds: the endorsement
 * returns `result`, the submit is accepted, and the transaction commits VALID.
 */
export interface Step {
  evaluate?: string | Error;
  endorse?: Error;
  result?: string;
  submit?: Error;
  /** The validation code the commit status reports (0 = VALID), or the error getStatus throws. */
  status?: number | Error;
  /** What a status query through commitOf(txId) reports; defaults to `status`. */
  statusById?: number | Error;
  /** getStatus answers only once this settles (to observe that submit waits for the commit). */
  commitGate?: Promise<void>;
  /** What sending the endorsed transaction again (preparedOf(bytes).submit) throws; it is accepted otherwise. */
  resubmit?: Error;
}

export type CallKind = 'evaluate' | 'endorse' | 'submit' | 'getStatus' | 'commitOf' | 'resubmit';

export interface RecordedCall {
  kind: CallKind;
  txId: string;
  principalId: string;
  fn?: string;
  args?: string[];
  transient?: Record<string, Uint8Array>;
  deadline?: CallOptions['deadline'];
}

/** A scripted stand-in for fabric-gateway behind the GatewayPort interfaces. */
export class ScriptedNetwork {
  readonly calls: RecordedCall[] = [];
  readonly connected: SigningMaterial[] = [];
  /** Gateway and connection closes, in order: 'gateway:<principalId>' or whatever the test adds. */
  readonly closes: string[] = [];
  #steps: Step[] = [];
  #txCounter = 0;

  script(...steps: Step[]): this {
    this.#steps.push(...steps);
    return this;
  }

  get remainingSteps(): number {
    return this.#steps.length;
  }

  readonly connector: GatewayConnector = (identity) => {
    this.connected.push(identity);
    return this.#gateway(identity.principalId);
  };

  #gateway(principalId: string): GatewayPort {
    const stepsByTx = new Map<string, Step>();
    const record = (call: Omit<RecordedCall, 'principalId'>) => this.calls.push({ ...call, principalId });
    const statusCommit = (txId: string, outcome: number | Error | undefined, gate?: Promise<void>): CommitPort => ({
      getStatus: async (options) => {
        record({ kind: 'getStatus', txId, deadline: options.deadline });
        await gate;
        if (outcome instanceof Error) {
          throw outcome;
        }
        return { code: outcome ?? 0, successful: (outcome ?? 0) === 0, blockNumber: BigInt(this.calls.length) };
      },
    });
    return {
      newProposal: (fn, options) => {
        this.#txCounter += 1;
        const txId = `tx-${this.#txCounter}`;
        const step = this.#steps.shift() ?? {};
        stepsByTx.set(txId, step);
        return {
          getTransactionId: () => txId,
          evaluate: (callOptions) => {
            record({ kind: 'evaluate', txId, fn, args: options.arguments, deadline: callOptions.deadline });
            return step.evaluate instanceof Error ? Promise.reject(step.evaluate) : Promise.resolve(new TextEncoder().encode(step.evaluate ?? ''));
          },
          endorse: (callOptions) => {
            record({ kind: 'endorse', txId, fn, args: options.arguments, ...(options.transientData === undefined ? {} : { transient: options.transientData }), deadline: callOptions.deadline });
            if (step.endorse !== undefined) {
              return Promise.reject(step.endorse);
            }
            return Promise.resolve({
              getTransactionId: () => txId,
              getResult: () => new TextEncoder().encode(step.result ?? ''),
              getBytes: () => new TextEncoder().encode(`endorsed ${txId}`),
              submit: (submitOptions: CallOptions) => {
                record({ kind: 'submit', txId, deadline: submitOptions.deadline });
                return step.submit === undefined ? Promise.resolve(statusCommit(txId, step.status, step.commitGate)) : Promise.reject(step.submit);
              },
            });
          },
        };
      },
      commitOf: (txId) => {
        record({ kind: 'commitOf', txId });
        const step = stepsByTx.get(txId);
        if (step === undefined) {
          return statusCommit(txId, gatewayError('commitStatus', GrpcStatus.NOT_FOUND, { txId }));
        }
        return statusCommit(txId, step.statusById ?? step.status);
      },
      preparedOf: (bytes) => {
        const txId = new TextDecoder().decode(bytes).replace(/^endorsed /, '');
        const step = stepsByTx.get(txId) ?? {};
        return {
          getTransactionId: () => txId,
          getResult: () => new TextEncoder().encode(step.result ?? ''),
          getBytes: () => bytes,
          submit: (submitOptions: CallOptions) => {
            record({ kind: 'resubmit', txId, deadline: submitOptions.deadline });
            return step.resubmit === undefined ? Promise.resolve(statusCommit(txId, step.statusById ?? step.status)) : Promise.reject(step.resubmit);
          },
        };
      },
      close: () => {
        this.closes.push(`gateway:${principalId}`);
      },
    };
  }

  callsOf(kind: CallKind): RecordedCall[] {
    return this.calls.filter((call) => call.kind === kind);
  }
}
