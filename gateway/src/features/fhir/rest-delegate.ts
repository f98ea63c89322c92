import { bookmarkOf } from '../../api/pagination';
import type { Call, Operation } from '../../api/operation';
import { parseWith } from '../../api/validate';

/**
 * How a FHIR interaction calls the ledger: through the REST operation it stands for, found by its
 * operationId. Its inputs are validated by that operation's own schemas and its handler makes the
 * call (the same transaction, arguments, transient map, purpose, and evaluate-or-submit choice for
 * patient data, so the chaincode decides consent and logs access exactly as for REST). A refusal
 * is the REST refusal: the same code, which the /fhir error handler answers as an OperationOutcome.
 */
export interface RestDelegate {
  readonly operationId: string;
  /** The REST handler's answer: the ledger result the operation's response schema describes (LedgerCalls validated it against the contract surface). */
  call(caller: Pick<Call<unknown, unknown, unknown>, 'principal' | 'deps' | 'req' | 'res'>, inputs: { params?: object; query?: object; body?: unknown }): Promise<unknown>;
}

/** The REST operation with this operationId among these, as a delegate; a typo fails at start-up, not on a call. */
export function restDelegate(operations: readonly Operation[], operationId: string): RestDelegate {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  if (operation === undefined) {
    throw new Error(`no REST operation ${operationId} to delegate to`);
  }
  return {
    operationId,
    async call({ principal, deps, req, res }, inputs) {
      const params: unknown = operation.params === undefined ? {} : parseWith(operation.params, inputs.params ?? {});
      const query: unknown = operation.query === undefined ? {} : parseWith(operation.query, withoutUndefined(inputs.query ?? {}));
      const body: unknown = operation.body === undefined ? undefined : parseWith(operation.body, inputs.body);
      return await operation.handle({ principal, deps, req, res, params, query, body, headers: {} });
    },
  };
}

/** A query as it would arrive over HTTP: a parameter not given is absent, not undefined. */
function withoutUndefined(query: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/** The REST page query of a FHIR search page: the ledger bookmark as the REST cursor it came from. */
export function restPageQuery(page: { count: number; bookmark: string }): { limit: number; cursor?: string } {
  return { limit: page.count, ...(page.bookmark === '' ? {} : { cursor: Buffer.from(page.bookmark, 'utf8').toString('base64url') }) };
}

/** A REST page's items (as the operation's item schema describes them) and the ledger bookmark of its next page ('' on the last). */
export function ledgerPageOf(page: unknown): { items: unknown[]; bookmark: string } {
  const { items, nextCursor } = page as { items: unknown[]; nextCursor: string | null };
  return { items, bookmark: nextCursor === null ? '' : bookmarkOf(nextCursor) };
}
