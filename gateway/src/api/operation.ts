import type { Request, Response } from 'express';
import { z } from 'zod';
import { callerOfRequest } from '../identity/authenticate';
import type { Scope } from '../identity/scopes';
import type { Clock } from '../platform/clock';
import type { Principal, Role } from '../identity/principals/principal';
import type { LedgerCalls } from '../ledger/ledger-calls';
import type { TransactionName } from '../ledger/transaction-results';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * 'public': no credential. Otherwise the caller must authenticate, and then (in this order,
 * api/mount.ts) its principal must have the role, its credential must carry the scope, and with
 * sessionOnly it must be a browser session (a token cannot mint tokens or end a session).
 *
 * stepUp, last: the operation cannot be undone (granting consent, delegating, erasing), so the
 * credential must also be a fresh authentication, a session signed in minutes ago or a short-lived
 * consent token (which stands in for the write scope there, and only there), never a long-lived
 * token alone (identity/step-up.ts has the rule; the refusal is 401 STEP_UP_REQUIRED saying how to
 * step up). Revoking stays a plain write.
 */
export type Access = 'public' | { scope?: Scope; role?: Role; sessionOnly?: true; stepUp?: true };

/** The access of an irreversible change: the write scope, and a fresh authentication (Access.stepUp). */
export const STEP_UP: Access = { scope: 'write', stepUp: true };

/** Whether an operation needs step-up, for the mount, the document and the tests generated from the route table. */
export function needsStepUp(operation: Pick<Described<z.ZodType, z.ZodType, z.ZodObject>, 'access'>): boolean {
  return operation.access !== 'public' && operation.access.stepUp === true;
}

/** The rate limits an operation may add to the general one (api/rate-limits.ts). */
export type RateLimitName = 'credentials';

/** What every handler may use; built once per app (rest-api.ts). */
export interface RestDeps {
  ledger: LedgerCalls;
  clock: Clock;
}

/** One call of an operation: its validated inputs and the authenticated caller. */
export interface Call<Params, Query, Body, Headers = Record<string, never>> {
  params: Params;
  query: Query;
  body: Body;
  headers: Headers;
  /** The authenticated principal (req.principal); never from the request's body or headers. */
  readonly principal: Principal;
  deps: RestDeps;
  req: Request;
  res: Response;
}

/** 2xx: the answer and its body; 302/303: a redirect, whose schema is the Location. */
export type SuccessStatus = 200 | 201 | 202 | 204 | 302 | 303;

export interface ResponseSpec<R extends z.ZodType> {
  status: SuccessStatus;
  description: string;
  schema: R;
  /** application/json unless given (text/plain, text/html, XML: the handler returns the text). */
  contentType?: string;
}

/** The answer of an operation that answers nothing (204). */
export const NO_CONTENT = { status: 204, description: 'Done', schema: z.void() } as const;

/** Another answer a handler gives itself, not a problem: the development IdP's page for a bad request, a redirect instead of a page. */
export interface OtherResponse {
  status: number;
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/**
 * A streamed upload: its fields as headers and its body forms (by media type). The handler reads
 * both as the content arrives, never buffered, and checks the fields with the content's own media
 * type, so the framework documents them and leaves the request stream alone.
 */
export interface UploadSpec {
  headers: z.ZodObject;
  content: Readonly<Record<string, z.ZodType>>;
}

/**
 * A browser or IdP protocol message (SAML, the development IdP's forms), in the query or in an
 * url-encoded form that the framework parses (at most maxBytes). The protocol reads it and refuses
 * it by its own rules (401 without saying why, or the IdP's page): documented here, never a 422.
 */
export interface MessageSpec {
  in: 'query' | 'form';
  schema: z.ZodObject;
  maxBytes?: number;
}

/** What the document and the mount read of every operation, whatever its kind. */
interface Described<P extends z.ZodType, Q extends z.ZodType, H extends z.ZodObject> {
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
  /** Header parameters, validated like the query (by name, as sent). */
  headers?: H;
  upload?: UploadSpec;
  message?: MessageSpec;
  /** Problem statuses beyond those derived from the definition (401/403 when authenticated, 422 with inputs, ...). */
  errors?: number[];
  otherResponses?: readonly OtherResponse[];
  rateLimit?: RateLimitName;
  /**
   * The operation hands a patient's data to its caller: evaluated when the caller is that patient,
   * submitted (so the chaincode's access-log entry commits) for anyone else, and it takes
   * `?purpose=` (api/ledger-operations.ts). The disclosure walk checks every such route logs.
   */
  patientData?: true;
}

/**
 * One REST operation whose answer the framework sends (JSON, or text with its content type),
 * defined once: the Express route (api/mount.ts) and its OpenAPI operation (api/openapi.ts) are
 * both generated from this.
 */
export interface OperationDefinition<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, H extends z.ZodObject = EmptyObject>
  extends Described<P, Q, H> {
  body?: B;
  response: ResponseSpec<R> & { status: 200 | 201 | 202 | 204 };
  /**
   * What a creation made and how to read it back: declared by every POST answering 201, and what
   * lets it honour Idempotency-Key (honoursIdempotency). Any other POST (a check, a logged read, a
   * state change) is decided again on every call and never replayed.
   */
  creates?: Creation<z.output<R>>;
  handle(call: Call<z.output<P>, z.output<Q>, z.output<B>, z.output<H>>): Promise<z.input<R>> | z.input<R>;
}

/**
 * An operation whose handler writes the response itself: a download, an event stream, a page
 * whose status the protocol decides. The response documents what it writes; nothing is validated
 * after the handler, and an error it throws before writing still becomes problem+json.
 */
export interface StreamDefinition<P extends z.ZodType, Q extends z.ZodType, H extends z.ZodObject = EmptyObject> extends Described<P, Q, H> {
  response: ResponseSpec<z.ZodType>;
  handle(call: Call<z.output<P>, z.output<Q>, undefined, z.output<H>>): Promise<void> | void;
}

/** An operation that sends the browser on (302 or 303, Cache-Control: no-store): the handler returns the Location. */
export interface RedirectDefinition<P extends z.ZodType, Q extends z.ZodType> extends Described<P, Q, EmptyObject> {
  response: { status: 302 | 303; description: string };
  handle(call: Call<z.output<P>, z.output<Q>, undefined>): Promise<string> | string;
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

/**
 * How the answer goes out: 'body', the framework validates the handler's result against the
 * response schema and sends it; 'stream', the handler wrote it; 'redirect', the framework sends
 * the browser to the Location the handler returned.
 */
export type ReplyKind = 'body' | 'stream' | 'redirect';

/** An operation of any kind with its schema types erased, as the framework handles them. */
export interface Operation extends Described<z.ZodType, z.ZodType, z.ZodObject> {
  reply: ReplyKind;
  body?: z.ZodType;
  response: ResponseSpec<z.ZodType>;
  creates?: Creation<unknown>;
  /** Headers are optional here: an operation without header parameters may be called without them (tests). */
  handle(call: Omit<Call<unknown, unknown, unknown, unknown>, 'headers'> & { headers?: unknown }): unknown;
}

type EmptyObject = z.ZodObject<Record<string, never>>;

/** The documented Location of a redirect: where the browser goes next (an IdP, or back into the app). */
export const LOCATION = z.string().describe('Where the browser goes next');

/** An operation whose answer (JSON, or text with its content type) the framework validates and sends. */
export function defineOperation<
  P extends z.ZodType = EmptyObject,
  Q extends z.ZodType = EmptyObject,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodUnknown,
  H extends z.ZodObject = EmptyObject,
>(definition: OperationDefinition<P, Q, B, R, H>): Operation {
  return { ...definition, reply: 'body' } as unknown as Operation;
}

/** An operation whose handler writes the response itself (StreamDefinition). */
export function defineStream<P extends z.ZodType = EmptyObject, Q extends z.ZodType = EmptyObject, H extends z.ZodObject = EmptyObject>(definition: StreamDefinition<P, Q, H>): Operation {
  return { ...definition, reply: 'stream' } as unknown as Operation;
}

/** An operation whose handler names where the browser goes next (RedirectDefinition). */
export function defineRedirect<P extends z.ZodType = EmptyObject, Q extends z.ZodType = EmptyObject>(definition: RedirectDefinition<P, Q>): Operation {
  return { ...definition, reply: 'redirect', response: { ...definition.response, schema: LOCATION } } as unknown as Operation;
}

/**
 * The one rule for Idempotency-Key: only a creation may be replayed, i.e. an authenticated POST
 * answering 201 that declares how to read back what it created. Everything else (checks, logged
 * reads, state transitions) ignores the key and decides again every time. Used by api/mount.ts
 * (behaviour) and api/openapi.ts (the documented header), so the two cannot disagree.
 */
export function honoursIdempotency(route: Pick<Operation, 'method' | 'access' | 'response' | 'creates'>): boolean {
  return route.method === 'post' && route.access !== 'public' && route.response.status === 201 && route.creates !== undefined;
}

/** /consents/{grantId} → /consents/:grantId */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

export interface Inputs {
  params: unknown;
  query: unknown;
  body: unknown;
  headers: unknown;
}

export function callOf(req: Request, res: Response, deps: RestDeps | undefined, inputs: Inputs): Call<unknown, unknown, unknown, unknown> {
  return {
    ...inputs,
    req,
    res,
    get deps(): RestDeps {
      if (deps === undefined) {
        throw new Error('this router was mounted without RestDeps (its operations use none)');
      }
      return deps;
    },
    get principal() {
      return callerOfRequest(req).principal;
    },
  };
}
