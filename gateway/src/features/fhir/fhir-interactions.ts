import type { Request } from 'express';
import { z } from 'zod';
import { defineOperation, type Access, type Call, type Operation } from '../../api/operation';
import { bookmarkOf, pageFromLedger, pageQuery } from '../../api/pagination';
import { purposeQuery } from '../../api/schemas';
import { Problem } from '../../api/errors/problems';
import type { SearchParamDeclaration, TypeInteraction } from '../../fhir/capability-statement';
import { FHIR_BASE_PATH, FHIR_CONTENT_TYPE } from '../../fhir/fhir-media';
import { FHIR_ID_PATTERN, ledgerIdOf } from '../../fhir/ids';
import type { Naming } from '../../fhir/references';
import type { FilesFeature } from '../records/files-feature';
import type { TransactionName } from '../../ledger/transaction-results';
import type { Resource } from '../../fhir/resources';
import { searchsetBundle } from '../../fhir/search-bundle';

/**
 * The FHIR facade's framework: a resource type declares its interactions (read, vread, search,
 * create) with the builders below; fhir-operations.ts registers every resource module, and each
 * interaction becomes an ordinary Operation (api/operation.ts), so authentication, scopes, rate
 * limits, Idempotency-Key on creates, metrics, request logging, OpenAPI and the route-table tests
 * apply as on the REST API. The handler calls the same ledger transactions as the REST route
 * (chaincode decides consent; patientData reads go through disclose() so the access log commits).
 * The CapabilityStatement is generated from the same declarations (fhir-metadata.ts).
 * How to add a resource: gateway/src/features/fhir/README.md.
 */

/** What every FHIR handler gets besides the REST call: how to name resources and where the server is. */
export interface FhirContext {
  naming: Naming;
  /** This server's FHIR base URL as the caller reached it (https://host/fhir). */
  base: string;
}

/** The gateway services an interaction may need beyond the ledger (Binary: the file engine's download). */
export interface FhirServices {
  files: FilesFeature;
}

/** One declared interaction: what the CapabilityStatement says, and how to build its operation once the naming (and the services) are known. */
export interface FhirInteraction {
  type: string;
  interaction: TypeInteraction;
  searchParams: readonly SearchParamDeclaration[];
  build(naming: Naming, services: FhirServices): Operation;
}

/** A resource type the server serves: its interactions (fhir-operations.ts registers it). */
export interface FhirResourceModule {
  type: string;
  /** read answers meta.versionId and vread serves the versions. */
  versioned?: boolean;
  /** What the CapabilityStatement says of the type beyond its interactions (a limit, a content negotiation). */
  documentation?: string;
  interactions: readonly FhirInteraction[];
}

/** What each interaction states itself, for the documentation and the checks. */
interface InteractionSpec {
  /** The FHIR resource type, e.g. 'Consent'. */
  type: string;
  summary: string;
  /** Who may call it, for the documentation; the chaincode decides. */
  callers: string;
  /** The chaincode transaction(s) it calls, as the REST route documents it. */
  transaction: string;
  /** Statuses beyond those derived from the definition (404 on reads is added). */
  errors?: number[];
  /** Reads a patient's data: ?purpose= is taken, and the read must be disclosed (api/ledger-operations.ts disclose). */
  patientData?: true;
}

export type FhirCall<Params, Query, Body = undefined> = Call<Params, Query, Body> & { fhir: FhirContext };

const READ: Access = { scope: 'read' };
export const FHIR_TAG = 'FHIR';

/** A FHIR logical id in the path (fhir/ids.ts maps it back to the ledger ID). */
export const fhirIdParams = z.object({ id: z.string().regex(FHIR_ID_PATTERN, 'must be a FHIR id: 1-64 letters, digits, - or .').describe('The resource id') });

/** The ledger ID a path id stands for; an id no ledger ID maps to is a resource that does not exist. */
export function ledgerIdFromPath(type: string, id: string): string {
  const ledgerId = ledgerIdOf(id);
  if (ledgerId === undefined) {
    throw new Problem('NOT_FOUND', `no ${type} with id ${id}`);
  }
  return ledgerId;
}

/** The documented answer: a FHIR resource of this type (validated in the tests by a FHIR validator, not here). */
export function fhirResourceSchema(type: string): z.ZodType<{ resourceType: string }> {
  return z.looseObject({ resourceType: z.literal(type) }).meta({ id: `Fhir${type}`, description: `A FHIR R4 ${type} (https://hl7.org/fhir/R4/${type.toLowerCase()}.html)` });
}

function fhirResponse(type: string, status: 200 | 201, description: string) {
  return { status, description, schema: fhirResourceSchema(type), contentType: FHIR_CONTENT_TYPE };
}

export function fhirBase(req: Request): string {
  return `${req.protocol}://${String(req.get('host'))}${FHIR_BASE_PATH}`;
}

function withContext<P, Q, B>(call: Call<P, Q, B>, naming: Naming): FhirCall<P, Q, B> {
  return Object.assign(Object.create(call) as Call<P, Q, B>, { fhir: { naming, base: fhirBase(call.req) } });
}

function described(spec: InteractionSpec, interaction: TypeInteraction) {
  const { type, summary, callers, transaction, patientData } = spec;
  const verb = { read: 'read', vread: 'vread', 'search-type': 'search', create: 'create' }[interaction];
  return { tag: FHIR_TAG, summary, callers, transaction, operationId: `fhir${verb.charAt(0).toUpperCase()}${verb.slice(1)}${type}`, ...(patientData === true ? { patientData } : {}) };
}

/** GET /fhir/{Type}/{id}: the resource with this id; a ledger refusal is the OperationOutcome. */
export function fhirRead(spec: InteractionSpec & { read(call: FhirCall<{ id: string }, Record<string, unknown>>, ledgerId: string): Promise<Resource> }): FhirInteraction {
  return {
    type: spec.type,
    interaction: 'read',
    searchParams: [],
    build: (naming) =>
      defineOperation({
        ...described(spec, 'read'),
        method: 'get',
        path: `${FHIR_BASE_PATH}/${spec.type}/{id}`,
        access: READ,
        params: fhirIdParams,
        ...(spec.patientData === true ? { query: purposeQuery } : {}),
        errors: [404, ...(spec.errors ?? [])],
        response: fhirResponse(spec.type, 200, `The ${spec.type}`),
        handle: (call) => spec.read(withContext(call as Call<{ id: string }, Record<string, unknown>, undefined>, naming), ledgerIdFromPath(spec.type, call.params.id)),
      }),
  };
}

/** A search parameter: its declaration for the CapabilityStatement and its query schema. */
export interface SearchParam extends SearchParamDeclaration {
  schema: z.ZodType;
}

/** A page of the ledger's list, as the search handler asks for it and answers it. */
export interface LedgerPageRequest {
  /** Page size (_count). */
  count: number;
  /** The ledger bookmark the cursor stands for ('' for the first page). */
  bookmark: string;
}

/** GET /fhir/{Type}?…: a searchset Bundle of one ledger page, with Bundle.link next bound to the same search and caller. */
export function fhirSearch<Params extends object>(
  spec: InteractionSpec & {
    params: readonly SearchParam[];
    search(call: FhirCall<Record<string, never>, Params>, page: LedgerPageRequest): Promise<{ resources: Resource[]; bookmark: string }>;
  },
): FhirInteraction {
  const shape = Object.fromEntries(spec.params.map((param) => [param.name, param.schema]));
  const query = z.object({
    ...shape,
    _count: pageQuery.shape.limit.describe('Page size (1-100, default 20)'),
    _cursor: pageQuery.shape.cursor.describe('Opaque: from Bundle.link next of the same search, for the same caller; anything else is refused'),
    ...(spec.patientData === true ? purposeQuery.shape : {}),
  });
  return {
    type: spec.type,
    interaction: 'search-type',
    searchParams: spec.params.map(({ name, type, documentation }) => ({ name, type, documentation })),
    build: (naming) =>
      defineOperation({
        ...described(spec, 'search-type'),
        method: 'get',
        path: `${FHIR_BASE_PATH}/${spec.type}`,
        access: READ,
        query,
        errors: spec.errors ?? [],
        response: { ...fhirResponse('Bundle', 200, `A searchset Bundle of ${spec.type}`), schema: fhirResourceSchema('Bundle') },
        async handle(call) {
          const values = call.query as Params & { _count: number; _cursor?: string };
          const fhirCall = withContext(call as unknown as Call<Record<string, never>, Params, undefined>, naming);
          const page = await spec.search(fhirCall, { count: values._count, bookmark: bookmarkOf(values._cursor) });
          const { nextCursor } = pageFromLedger({ items: [], bookmark: page.bookmark });
          const self = new URL(call.req.originalUrl, `${call.req.protocol}://${String(call.req.get('host'))}`);
          const next = nextCursor === null ? undefined : withParam(self, '_cursor', nextCursor);
          return searchsetBundle({ base: fhirCall.fhir.base, timestamp: call.deps.clock().toISOString(), self: self.toString(), ...(next === undefined ? {} : { next }), resources: page.resources });
        },
      }),
  };
}

function withParam(url: URL, name: string, value: string): string {
  const copy = new URL(url);
  copy.searchParams.set(name, value);
  return copy.toString();
}

/** GET /fhir/{Type}/{id}/_history/{vid}: one version of a versioned resource (the ledger keeps every version). */
export function fhirVread(spec: InteractionSpec & { vread(call: FhirCall<{ id: string; vid: number }, Record<string, unknown>>, ledgerId: string, version: number): Promise<Resource> }): FhirInteraction {
  return {
    type: spec.type,
    interaction: 'vread',
    searchParams: [],
    build: (naming) =>
      defineOperation({
        ...described(spec, 'vread'),
        method: 'get',
        path: `${FHIR_BASE_PATH}/${spec.type}/{id}/_history/{vid}`,
        access: READ,
        params: fhirIdParams.extend({ vid: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('The version id (meta.versionId)') }),
        ...(spec.patientData === true ? { query: purposeQuery } : {}),
        errors: [404, ...(spec.errors ?? [])],
        response: fhirResponse(spec.type, 200, `That version of the ${spec.type}`),
        handle: (call) =>
          spec.vread(withContext(call as Call<{ id: string; vid: number }, Record<string, unknown>, undefined>, naming), ledgerIdFromPath(spec.type, call.params.id), call.params.vid),
      }),
  };
}

/**
 * POST /fhir/{Type}: the REST creation's transaction from a FHIR resource, answering 201 with the
 * created resource and its Location. The body schema reads what the transaction needs from the
 * resource (and refuses what it cannot take: 400 VALIDATION_FAILED); the chaincode refuses as on the REST route.
 * Idempotency-Key replays it after reading back `readBack` as the caller, like every creation.
 */
export function fhirCreate<Body extends z.ZodType>(
  spec: InteractionSpec & {
    body: Body;
    /** The write scope unless given (STEP_UP for a grant, as the REST route). */
    access?: Access;
    /** The transaction that reads the created object by its ledger ID (the REST creation's read-back). */
    readBack: TransactionName;
    create(call: FhirCall<Record<string, never>, Record<string, never>, z.output<Body>>): Promise<Resource>;
  },
): FhirInteraction {
  return {
    type: spec.type,
    interaction: 'create',
    searchParams: [],
    build: (naming) =>
      defineOperation({
        ...described(spec, 'create'),
        method: 'post',
        path: `${FHIR_BASE_PATH}/${spec.type}`,
        access: spec.access ?? { scope: 'write' },
        body: spec.body,
        errors: spec.errors ?? [],
        response: fhirResponse(spec.type, 201, `The created ${spec.type}`),
        creates: {
          readBack: (created: unknown) => {
            const id = (created as { id?: unknown }).id;
            return { transaction: spec.readBack, args: [typeof id === 'string' ? (ledgerIdOf(id) ?? id) : ''] };
          },
        },
        async handle(call) {
          const fhirCall = withContext(call as unknown as Call<Record<string, never>, Record<string, never>, z.output<Body>>, naming);
          const created = await spec.create(fhirCall);
          call.res.location(`${fhirCall.fhir.base}/${created.resourceType}/${created.id}`);
          return created;
        },
      }),
  };
}
