import { PURPOSE_TRANSIENT_KEY } from '@medledger/chaincode/client';
import { z } from 'zod';
import type { Principal } from '../identity/principals/principal';
import type { LedgerCalls } from '../ledger/ledger-calls';
import type { ResultOf, TransactionName } from '../ledger/transaction-results';
import { defineOperation, STEP_UP, type Access, type Creation, type Operation } from './operation';
import { pageArgs, pageFromLedger, pageOf, pageQuery, type PageQuery } from './pagination';
import { emptyBody, purposeQuery } from './schemas';

type EmptyObject = z.ZodObject<Record<string, never>>;

/** The validated inputs a transaction's arguments are made from. */
export interface LedgerInputs<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

/** A transaction's arguments, from the call's inputs (defaults to the path parameters, in order). */
export type ArgsOf<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = (inputs: LedgerInputs<z.output<P>, z.output<Q>, z.output<B>>) => string[];

/** What each operation states itself: its route, its documentation, its transaction and its answer. */
interface LedgerRoute<F extends TransactionName, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Who may call it, for the documentation; the chaincode decides. */
  callers: string;
  /** The one transaction the operation is: documented, and the call its handler makes. */
  transaction: F;
  params?: P;
  errors?: number[];
  args?: ArgsOf<P, Q, B>;
  /** A creation or step that cannot be undone (granting, delegating): a fresh authentication instead of the write scope (Access.stepUp). */
  stepUp?: true;
}

/** The answer: a description and the schema of what the transaction returns. */
interface Answer<R extends z.ZodType> {
  response: { description: string; schema: R };
}

/**
 * Refuses at compile time a response schema that cannot take what the transaction returns, so a
 * route states its answer once and the contract surface still checks it.
 */
type Answering<F extends TransactionName, Result> = ResultOf<F> extends Result ? unknown : { transaction: { returns: ResultOf<F>; butTheResponseTakes: Result } };

/** Marks a read of a patient's data (operation.ts patientData): decided, logged and given a purpose. */
interface PatientDataRead {
  patientData?: true;
}

export type ReadRoute<F extends TransactionName, P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> = LedgerRoute<F, P, Q, z.ZodUndefined> &
  Answer<R> & { query?: Q } & PatientDataRead;

export type ListRoute<F extends TransactionName, P extends z.ZodType, Q extends z.ZodType<PageQuery>, Item extends z.ZodType> = LedgerRoute<F, P, Q, z.ZodUndefined> &
  PatientDataRead & {
  /** pageQuery unless given (a page query with a filter, e.g. statusPageQuery). */
  query?: Q;
  response: { description: string; item: Item };
};

export type StepRoute<F extends TransactionName, P extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = LedgerRoute<F, P, EmptyObject, B> &
  Answer<R> & {
    /** emptyBody unless given. */
    body?: B;
    /** Private inputs for the transient map (a dispute's reason): never in the transaction's arguments, never logged. */
    transient?: (inputs: LedgerInputs<z.output<P>, Record<string, never>, z.output<B>>) => Record<string, string>;
  };

export type RemovalRoute<F extends TransactionName, P extends z.ZodType, R extends z.ZodType> = LedgerRoute<F, P, EmptyObject, z.ZodUndefined> & Answer<R>;

export type CreationRoute<F extends TransactionName, P extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = LedgerRoute<F, P, EmptyObject, B> &
  Answer<R> & {
    body: B;
    creates: Creation<z.output<R>>;
    /** Private inputs for the transient map: never in the transaction's arguments, never logged. */
    transient?: (inputs: LedgerInputs<z.output<P>, Record<string, never>, z.output<B>>) => Record<string, string>;
  };

const READ: Access = { scope: 'read' };
const WRITE: Access = { scope: 'write' };

/** A change's access: the write scope, or a fresh authentication when it cannot be undone. */
function changeAccess(route: { stepUp?: true }): Access {
  return route.stepUp === true ? STEP_UP : WRITE;
}

/** The path parameters as transaction arguments, in the order the path names them. */
function pathArgs({ params }: { params: unknown }): string[] {
  return params === undefined ? [] : Object.values(params as Record<string, string | number>).map(String);
}

/** The arguments of a list filtered by status: the path parameters, then the status ('' for all). */
export function pathAndStatus({ params, query }: LedgerInputs<unknown, { status?: string }, unknown>): string[] {
  return [...pathArgs({ params }), query.status ?? ''];
}

/** How most creations are read back: by the ID they answer, with the transaction that gets one. */
export function readBackById<Created extends { id: string }>(transaction: TransactionName): Creation<Created> {
  return { readBack: (created) => ({ transaction, args: [created.id] }) };
}

/** 'disclose': a read of patient data, evaluated for the patient and submitted for anyone else (discloseWay). */
type Way = 'evaluate' | 'submit' | 'disclose';
type Args = (inputs: LedgerInputs<unknown, unknown, unknown>) => string[];
type Transient = (inputs: LedgerInputs<unknown, unknown, unknown>) => Record<string, string>;

/** How a built route calls the ledger: its transaction, the arguments and transient map it makes, and what it answers of the result. */
interface LedgerCall {
  way: Way;
  transaction: TransactionName;
  args?: unknown;
  transient?: unknown;
  reply?: (result: unknown) => unknown;
}

/** What only the builders read, to make the handler; the definition goes on without it. */
const BUILDER_ONLY = new Set(['args', 'transient', 'stepUp']);

/** The route as defineOperation takes it: everything the document and the mount read. */
function described(route: object): object {
  return Object.fromEntries(Object.entries(route).filter(([key]) => !BUILDER_ONLY.has(key)));
}

/**
 * The operation whose handler is the one ledger call. The builders' signatures check the route's
 * types (inputs, arguments, answer against the transaction's result), so the call itself is made
 * with the types erased, as the framework holds every operation.
 */
function ledgerOperation(definition: object, call: LedgerCall): Operation {
  const args = (call.args ?? pathArgs) as Args;
  const transient = call.transient as Transient | undefined;
  const reply = call.reply ?? ((result: unknown) => result);
  return defineOperation({
    ...(definition as Parameters<typeof defineOperation>[0]),
    async handle({ principal, params, query, body, deps }) {
      const inputs = { params, query, body };
      const stated = { ...transient?.(inputs), ...purposeTransient(query) };
      const sent = Object.keys(stated).length === 0 ? undefined : stated;
      if (call.way === 'disclose') {
        return reply(await disclose(deps.ledger, principal, call.transaction, args(inputs), sent, params));
      }
      const result =
        call.way === 'evaluate'
          ? await deps.ledger.evaluateJson(principal, call.transaction, args(inputs), sent)
          : await deps.ledger.submitJson(principal, call.transaction, args(inputs), sent);
      return reply(result);
    },
  });
}

/** The purpose the caller stated with `?purpose=`, as the transient field the chaincode reads. */
export function purposeTransient(query: unknown): Record<string, string> {
  const purpose = (query as { purpose?: unknown } | undefined)?.purpose;
  return typeof purpose === 'string' ? { [PURPOSE_TRANSIENT_KEY]: purpose } : {};
}

/**
 * A read of patient data. The chaincode logs every such read by anyone but the patient, but only
 * a submitted transaction commits its log entry: so the read is evaluated when the caller is the
 * data subject (fast, nothing to log) and submitted otherwise. Who the subject is: the path's
 * patientId when the route has one; else the result says (every patientId in it), and a result
 * naming anyone but the caller, or no one, is read again as a submit, whose result is the answer. The gateway
 * only chooses evaluate or submit; the peers decide and write the entry.
 */
export async function disclose(ledger: LedgerCalls, principal: Principal, fn: TransactionName, args: string[], transient: Record<string, string> | undefined, params: unknown): Promise<unknown> {
  const pathPatient = (params as { patientId?: unknown } | undefined)?.patientId;
  if (typeof pathPatient === 'string' && pathPatient !== principal.stakeholderId) {
    return ledger.submitJson(principal, fn, args, transient);
  }
  const evaluated: unknown = await ledger.evaluateJson(principal, fn, args, transient);
  const named = patientIdsIn(evaluated);
  // An empty answer shows no subject, and the chaincode may still owe an entry (an empty list by a grantee).
  if (typeof pathPatient === 'string' || (named.length > 0 && named.every((id) => id === principal.stakeholderId))) {
    return evaluated;
  }
  return ledger.submitJson(principal, fn, args, transient);
}

/** Every patientId a transaction's result names, at any depth (an object, a page's items, a view's parts). */
export function patientIdsIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(patientIdsIn);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, inner]) => (key === 'patientId' && typeof inner === 'string' ? [inner] : patientIdsIn(inner)));
}

/** A patient-data read takes ?purpose= besides its own query parameters. */
function withPurpose(query: z.ZodType | undefined): z.ZodType {
  return (query === undefined ? z.object({}) : (query as z.ZodObject)).extend(purposeQuery.shape);
}

/**
 * Builders for the operations that are one ledger transaction and nothing else: each derives its
 * handler from `transaction` and `args`, its access from what it does (reads need the read scope,
 * changes the write scope), and takes the feature's tag. An operation with logic of its own (a
 * choice between transactions, a value the gateway draws) is written out with defineOperation.
 */
export function ledgerOperations({ tag }: { tag: string }) {
  return {
    /** GET: evaluates the transaction and answers its result; a patientData read discloses (evaluated for the patient, submitted and logged for anyone else). */
    read<F extends TransactionName, R extends z.ZodType, P extends z.ZodType = EmptyObject, Q extends z.ZodType = EmptyObject>(
      route: ReadRoute<F, P, Q, R> & Answering<F, z.input<R>>,
    ): Operation {
      const query = route.patientData === true ? { query: withPurpose(route.query) } : {};
      return ledgerOperation(
        { method: 'get', tag, access: READ, ...described(route), ...query, response: { status: 200, ...route.response } },
        { ...route, way: route.patientData === true ? 'disclose' : 'evaluate' },
      );
    },

    /** GET a page: evaluates the list transaction with the page size and bookmark last, and answers a page of items. */
    list<F extends TransactionName, Item extends z.ZodType, P extends z.ZodType = EmptyObject, Q extends z.ZodType<PageQuery> = typeof pageQuery>(
      route: ListRoute<F, P, Q, Item> & Answering<F, { items: z.input<Item>[]; bookmark: string }>,
    ): Operation {
      const { description, item } = route.response;
      const args = (route.args ?? pathArgs) as Args;
      const query = route.patientData === true ? withPurpose(route.query ?? pageQuery) : (route.query ?? pageQuery);
      return ledgerOperation(
        { method: 'get', tag, access: READ, ...described(route), query, response: { status: 200, description, schema: pageOf(item) } },
        {
          way: route.patientData === true ? 'disclose' : 'evaluate',
          transaction: route.transaction,
          args: (inputs: LedgerInputs<unknown, PageQuery, unknown>) => [...args(inputs), ...pageArgs(inputs.query)],
          reply: (page) => pageFromLedger(page as { items: unknown[]; bookmark: string }),
        },
      );
    },

    /** POST on an existing object: submits one step of its life (emptyBody unless given) and answers the object as it now is. */
    step<F extends TransactionName, R extends z.ZodType, P extends z.ZodType = EmptyObject, B extends z.ZodType = typeof emptyBody>(
      route: StepRoute<F, P, B, R> & Answering<F, z.input<R>>,
    ): Operation {
      return ledgerOperation({ method: 'post', tag, access: changeAccess(route), body: emptyBody, ...described(route), response: { status: 200, ...route.response } }, { way: 'submit', ...route });
    },

    /** POST that reads (emptyBody unless given): a submitted transaction, so the chaincode decides and logs every read. */
    loggedRead<F extends TransactionName, R extends z.ZodType, P extends z.ZodType = EmptyObject, B extends z.ZodType = typeof emptyBody>(
      route: StepRoute<F, P, B, R> & Answering<F, z.input<R>>,
    ): Operation {
      return ledgerOperation(
        { method: 'post', tag, access: READ, body: emptyBody, ...described(route), query: purposeQuery, patientData: true, response: { status: 200, ...route.response } },
        { way: 'submit', ...route },
      );
    },

    /** DELETE: submits the transaction that ends the object (a revocation, a lifted suspension) and answers it as it now is. */
    removal<F extends TransactionName, R extends z.ZodType, P extends z.ZodType = EmptyObject>(route: RemovalRoute<F, P, R> & Answering<F, z.input<R>>): Operation {
      return ledgerOperation({ method: 'delete', tag, access: WRITE, ...described(route), response: { status: 200, ...route.response } }, { way: 'submit', ...route });
    },

    /** POST answering 201: submits the creation, which Idempotency-Key may replay after reading it back (creates). */
    create<F extends TransactionName, R extends z.ZodType, B extends z.ZodType, P extends z.ZodType = EmptyObject>(
      route: CreationRoute<F, P, B, R> & Answering<F, z.input<R>>,
    ): Operation {
      return ledgerOperation({ method: 'post', tag, access: changeAccess(route), ...described(route), response: { status: 201, ...route.response } }, { way: 'submit', ...route });
    },
  };
}
