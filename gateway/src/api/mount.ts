import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { callerOfRequest, requireAuthMethod, requireRole, requireScope } from '../identity/authenticate';
import { requireStepUp } from '../identity/step-up';
import { parseWith } from './validate';
import type { Principal } from '../identity/principals/principal';
import { markDefinedRoute } from './route-table';
import { IDEMPOTENCY_HEADER, IdempotencyError, type CreationLedger, type CreationWork, type Idempotency, type Outcome } from './idempotency';
import { callOf, expressPath, honoursIdempotency, type Inputs, type Operation, type RateLimitName, type RestDeps } from './operation';

/**
 * 'enforce' (development and tests): a response that does not match its schema is a 500
 * RESPONSE_INVALID, so tests fail. 'log' (production): it is logged and sent as it is.
 */
export type ResponseValidation = 'enforce' | 'log';

export interface MountOptions {
  /** authenticate(); needed as soon as one operation is not public. */
  authenticated?: RequestHandler;
  /** What handlers use; a router whose operations use none (the SAML service provider) has none. */
  deps?: RestDeps;
  /** Needed as soon as one operation honours Idempotency-Key. */
  idempotency?: Idempotency;
  responseValidation: ResponseValidation;
  /** The limiters operations name (rateLimit). */
  rateLimits?: Partial<Record<RateLimitName, RequestHandler>>;
  /** The per-principal limit every authenticated operation passes right after authenticate() (api/rate-limits.ts). */
  principalLimit?: RequestHandler;
}

/** Carries its code only; the error catalog (api/errors/catalog.ts) gives its status. */
class ResponseInvalidError extends Error {
  readonly code = 'RESPONSE_INVALID';
}

/**
 * Adds one Express route per operation: authenticate and check access (role, scope or step-up,
 * rate limit, session), parse a protocol form, validate inputs (422), run, then send what the operation's
 * kind says: the validated body, the redirect, or nothing (the handler streamed it).
 */
export function mountOperations(router: Router, operations: readonly Operation[], options: MountOptions): void {
  for (const operation of operations) {
    const route = router.route(expressPath(operation.path));
    route[operation.method](...guardsOf(operation, options), ...formParserOf(operation), handlerOf(operation, options));
    markDefinedRoute(route);
  }
}

/** A router of these operations alone (the SAML service provider, tests). */
export function operationsRouter(operations: readonly Operation[], options: Partial<MountOptions> = {}): Router {
  const router = Router();
  mountOperations(router, operations, { responseValidation: 'enforce', ...options });
  return router;
}

function guardsOf(operation: Operation, options: MountOptions): RequestHandler[] {
  const limit = operation.rateLimit === undefined ? [] : [needed(options.rateLimits?.[operation.rateLimit], `the ${operation.rateLimit} rate limit`, operation)];
  if (operation.access === 'public') {
    return limit;
  }
  const { role, scope, sessionOnly, stepUp } = operation.access;
  return [
    needed(options.authenticated, 'authenticate()', operation),
    ...(options.principalLimit === undefined ? [] : [options.principalLimit]),
    ...(role === undefined ? [] : [requireRole(role)]),
    // On a step-up operation a consent token (short-lived, from a fresh sign-in) stands in for the scope.
    ...(scope === undefined ? [] : [requireScope(scope, ...(stepUp === true ? (['consent'] as const) : []))]),
    ...limit,
    ...(sessionOnly === true ? [requireAuthMethod('session')] : []),
    ...(stepUp === true ? [requireStepUp()] : []),
  ];
}

function formParserOf(operation: Operation): RequestHandler[] {
  const message = operation.message;
  return message?.in === 'form' ? [express.urlencoded({ extended: false, ...(message.maxBytes === undefined ? {} : { limit: message.maxBytes }) })] : [];
}

function needed<T>(value: T | undefined, what: string, operation: Operation): T {
  if (value === undefined) {
    throw new Error(`${operation.operationId} needs ${what}, which this router was mounted without`);
  }
  return value;
}

/** The validated inputs, in this order: path, headers, query, body. Upload headers and protocol messages are the handler's to read. */
function inputsOf(operation: Operation, req: Request): Inputs {
  return {
    params: operation.params === undefined ? {} : parseWith(operation.params, req.params),
    headers: operation.headers === undefined ? {} : parseWith(operation.headers, headersAsSent(operation.headers.shape, req)),
    query: operation.query === undefined ? {} : parseWith(operation.query, { ...req.query }),
    body: operation.body === undefined ? undefined : parseWith(operation.body, req.body),
  };
}

function headersAsSent(shape: Record<string, unknown>, req: Request): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(shape).map((name) => [name, req.get(name)]));
}

function handlerOf(operation: Operation, options: MountOptions): RequestHandler {
  if (operation.reply === 'stream') {
    return async (req, res) => {
      await operation.handle(callOf(req, res, options.deps, inputsOf(operation, req)));
    };
  }
  if (operation.reply === 'redirect') {
    return async (req, res) => {
      const location = await operation.handle(callOf(req, res, options.deps, inputsOf(operation, req)));
      res.set('Cache-Control', 'no-store').redirect(operation.response.status, String(location));
    };
  }
  return async (req, res) => {
    const inputs = inputsOf(operation, req);
    // under an Idempotency-Key the handler's ledger calls are kept in the key's journal (api/idempotency.ts)
    const run: CreationWork = async (journal) => {
      const deps = journal === undefined || options.deps === undefined ? options.deps : { ...options.deps, ledger: options.deps.ledger.journaled(journal) };
      const result = await operation.handle(callOf(req, res, deps, inputs));
      return { status: operation.response.status, body: checkedResponse(operation, result, options, req) };
    };
    const outcome = honoursIdempotency(operation) ? await idempotent(req, res, operation, options, run) : { ...(await run(undefined)), replayed: false };
    if (outcome.replayed) {
      res.set('Idempotent-Replayed', 'true');
    }
    send(res, operation, outcome);
  };
}

async function idempotent(req: Request, res: Response, operation: Operation, options: MountOptions, run: CreationWork): Promise<Outcome & { replayed: boolean }> {
  const key = req.get(IDEMPOTENCY_HEADER);
  const principal = callerOfRequest(req).principal;
  const deps = needed(options.deps, 'RestDeps', operation);
  const ledger: CreationLedger = {
    reconfirm: (stored) => readBackAsCaller(operation, stored, deps, principal),
    settle: (transaction) => deps.ledger.settle(principal, transaction),
  };
  try {
    return await needed(options.idempotency, 'Idempotency', operation).run({ principalId: principal.id, key, method: req.method, path: req.path, body: req.body as unknown }, run, ledger);
  } catch (error) {
    if (error instanceof IdempotencyError && error.retryAfterSeconds !== undefined) {
      res.set('Retry-After', String(error.retryAfterSeconds));
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
  if (contentType?.endsWith('+json') === true) {
    // A JSON media type of its own (application/fhir+json): the body as JSON, under that type.
    res.type(contentType).send(JSON.stringify(outcome.body));
    return;
  }
  if (contentType !== undefined && contentType !== 'application/json') {
    res.type(contentType).send(String(outcome.body));
    return;
  }
  res.json(outcome.body);
}
