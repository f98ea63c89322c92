import type { Request, RequestHandler, Response, Router } from 'express';
import { callerOfRequest, requireScope } from '../identity/authenticate';
import { parseWith } from './validate';
import type { Principal } from '../identity/principals/principal';
import { IDEMPOTENCY_HEADER, IdempotencyError, type Idempotency, type Outcome } from './idempotency';
import { callOf, expressPath, honoursIdempotency, type Operation, type RestDeps } from './operation';

/**
 * 'enforce' (development and tests): a response that does not match its schema is a 500
 * RESPONSE_INVALID, so tests fail. 'log' (production): it is logged and sent as it is.
 */
export type ResponseValidation = 'enforce' | 'log';

export interface MountOptions {
  authenticated: RequestHandler;
  deps: RestDeps;
  idempotency: Idempotency;
  responseValidation: ResponseValidation;
}

/** Carries its code only; the error catalog (api/errors/catalog.ts) gives its status. */
class ResponseInvalidError extends Error {
  readonly code = 'RESPONSE_INVALID';
}

/** Adds one Express route per operation: authenticate, check scope, validate inputs (422), run, validate the response, send. */
export function mountOperations(router: Router, operations: readonly Operation[], options: MountOptions): void {
  for (const operation of operations) {
    const guards = operation.access === 'public' ? [] : [options.authenticated, requireScope(operation.access.scope)];
    router[operation.method](expressPath(operation.path), ...guards, handlerOf(operation, options));
  }
}

function handlerOf(operation: Operation, options: MountOptions): RequestHandler {
  return async (req, res) => {
    const inputs = {
      params: operation.params === undefined ? {} : parseWith(operation.params, req.params),
      query: operation.query === undefined ? {} : parseWith(operation.query, { ...req.query }),
      body: operation.body === undefined ? undefined : parseWith(operation.body, req.body),
    };
    const run = async (): Promise<Outcome> => {
      const result = await operation.handle(callOf(req, res, options.deps, inputs));
      return { status: operation.response.status, body: checkedResponse(operation, result, options, req) };
    };
    const outcome = honoursIdempotency(operation) ? await idempotent(req, res, operation, options, run) : { ...(await run()), replayed: false };
    if (outcome.replayed) {
      res.set('Idempotent-Replayed', 'true');
    }
    send(res, operation, outcome);
  };
}

async function idempotent(req: Request, res: Response, operation: Operation, options: MountOptions, run: () => Promise<Outcome>): Promise<Outcome & { replayed: boolean }> {
  const key = req.get(IDEMPOTENCY_HEADER);
  const principal = callerOfRequest(req).principal;
  const reconfirm = (stored: Outcome) => readBackAsCaller(operation, stored, options.deps, principal);
  try {
    return await options.idempotency.run({ principalId: principal.id, key, method: req.method, path: req.path, body: req.body as unknown }, run, reconfirm);
  } catch (error) {
    if (error instanceof IdempotencyError && error.code === 'IDEMPOTENCY_IN_PROGRESS') {
      res.set('Retry-After', '1');
    }
    throw error;
  }
}

/**
 * Before a creation's stored answer is replayed, the ledger decides again: the creation's read-back
 * is evaluated as the caller, through the same LedgerCalls path as every call. A refusal (suspended,
 * no longer registered, no longer allowed to see the object) propagates and is the answer.
 */
async function readBackAsCaller(operation: Operation, stored: Outcome, deps: RestDeps, principal: Principal): Promise<void> {
  if (operation.creates === undefined) {
    throw new Error(`${operation.operationId} replays without a read-back`);
  }
  const { transaction, args } = operation.creates.readBack(stored.body);
  if (!args.every((arg) => typeof arg === 'string')) {
    // a stored answer that no longer names what it created is never replayed unchecked
    throw new Error(`${operation.operationId}: the stored answer does not name what it created`);
  }
  await deps.ledger.evaluateJson(principal, transaction, args);
}

function checkedResponse(operation: Operation, result: unknown, options: MountOptions, req: Request): unknown {
  const parsed = operation.response.schema.safeParse(result);
  if (parsed.success) {
    return parsed.data;
  }
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  if (options.responseValidation === 'enforce') {
    throw new ResponseInvalidError(`RESPONSE_INVALID: ${operation.operationId} answered outside its schema: ${JSON.stringify(issues)}`);
  }
  req.log.warn({ operationId: operation.operationId, issues }, 'response does not match its schema');
  return result;
}

function send(res: Response, operation: Operation, outcome: Outcome): void {
  res.status(outcome.status);
  if (outcome.status === 204) {
    res.end();
    return;
  }
  const contentType = operation.response.contentType;
  if (contentType !== undefined && contentType !== 'application/json') {
    res.type(contentType).send(String(outcome.body));
    return;
  }
  res.json(outcome.body);
}
