import type { Request, Response } from 'express';
import type { z } from 'zod';
import { callerOfRequest } from '../identity/authenticate';
import type { Scope } from '../identity/scopes';
import type { Clock } from '../platform/clock';
import type { Principal } from '../identity/principals/principal';
import type { LedgerCalls } from '../ledger/ledger-calls';
import type { TransactionName } from '../ledger/transaction-results';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** 'public': no credential. Otherwise the caller must authenticate and its credential must carry the scope. */
export type Access = 'public' | { scope: Scope };

/** What every handler may use; built once per app (rest-api.ts). */
export interface RestDeps {
  ledger: LedgerCalls;
  clock: Clock;
}

/** One call of an operation: its validated inputs and the authenticated caller. */
export interface Call<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  /** The authenticated principal (req.principal); never from the request's body or headers. */
  readonly principal: Principal;
  deps: RestDeps;
  req: Request;
  res: Response;
}

export interface ResponseSpec<R extends z.ZodType> {
  status: 200 | 201 | 202 | 204;
  description: string;
  schema: R;
  /** application/json unless given (text/plain, text/html: the handler returns the text). */
  contentType?: string;
}

/**
 * One REST operation, defined once: the Express route (api/mount.ts) and its OpenAPI operation
 * (api/openapi.ts) are both generated from this.
 */
export interface OperationDefinition<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: HttpMethod;
  /** OpenAPI path template: /consents/{grantId} */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** Who may call it, for the documentation; the chaincode decides. */
  callers?: string;
  /** The chaincode transaction(s) it maps to, for the documentation and metrics. */
  transaction?: string;
  params?: P;
  query?: Q;
  body?: B;
  response: ResponseSpec<R>;
  /** Problem statuses beyond those derived from the definition (401/403 when authenticated, 422 with inputs, ...). */
  errors?: number[];
  /**
   * What a creation made and how to read it back: declared by every POST answering 201, and what
   * lets it honour Idempotency-Key (honoursIdempotency). Any other POST (a check, a logged read, a
   * state change) is decided again on every call and never replayed.
   */
  creates?: Creation<z.output<R>>;
  handle(call: Call<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** A ledger query (a read-only transaction) and its arguments. */
export interface LedgerRead {
  transaction: TransactionName;
  args: string[];
}

/**
 * How a creation's result is read back on the ledger. Before a stored answer is replayed for a
 * repeated Idempotency-Key, the gateway evaluates this read as the caller (api/mount.ts): if the
 * ledger now refuses (caller suspended, no longer allowed to see the object), the refusal is the
 * answer, never the stored one.
 */
export interface Creation<Created> {
  readBack(created: Created): LedgerRead;
}

/** An operation with its schema types erased, as the framework handles them. */
export type Operation = OperationDefinition<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

type EmptyObject = z.ZodObject<Record<string, never>>;

export function defineOperation<P extends z.ZodType = EmptyObject, Q extends z.ZodType = EmptyObject, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodUnknown>(
  definition: OperationDefinition<P, Q, B, R>,
): Operation {
  return definition as unknown as Operation;
}

/** The document's security schemes (api/openapi.ts). */
export type AuthMethod = 'bearerToken' | 'apiKey' | 'sessionCookie';

/**
 * What the OpenAPI document needs of a route. Every Operation is one; routes written by hand as
 * plain Express (streaming uploads and downloads, session and credential management) are
 * described with documentRoute and are never mounted by the framework.
 */
export type RouteDocumentation = Omit<Operation, 'handle' | 'access'> & {
  /** 'authenticated': any valid credential, no particular scope (hand-written routes only). */
  access: Access | 'authenticated';
  /** Header parameters (an upload's fields as X-* headers). */
  headers?: z.ZodType;
  /** Request bodies other than JSON, by media type (replaces the application/json body). */
  requestContent?: Record<string, z.ZodType>;
  /** The credentials the route accepts when not all of them (e.g. only a browser session). */
  authMethods?: AuthMethod[];
};

/**
 * Documentation of a hand-written route: it appears in /openapi.json and the route audit, never in
 * mountOperations. It declares no creation, so it never honours Idempotency-Key.
 */
export function documentRoute(definition: Omit<RouteDocumentation, 'creates'>): RouteDocumentation {
  return definition;
}

/**
 * The one rule for Idempotency-Key: only a creation may be replayed, i.e. an authenticated POST
 * answering 201 that declares how to read back what it created. Everything else (checks, logged
 * reads, state transitions) ignores the key and decides again every time. Used by api/mount.ts
 * (behaviour) and api/openapi.ts (the documented header), so the two cannot disagree.
 */
export function honoursIdempotency(route: Pick<RouteDocumentation, 'method' | 'access' | 'response' | 'creates'>): boolean {
  return route.method === 'post' && route.access !== 'public' && route.response.status === 201 && route.creates !== undefined;
}

/** /consents/{grantId} → /consents/:grantId */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

export function callOf<P, Q, B>(req: Request, res: Response, deps: RestDeps, inputs: { params: P; query: Q; body: B }): Call<P, Q, B> {
  return {
    ...inputs,
    deps,
    req,
    res,
    get principal() {
      return callerOfRequest(req).principal;
    },
  };
}
