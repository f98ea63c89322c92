import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { SESSION_COOKIE } from '../identity/sessions/session-cookie';
import { SCOPE_MEANINGS } from '../identity/scopes';
import { LEDGER_FAILURE_CODES } from '../ledger/ledger-port';
import { CATALOG } from './errors/catalog';
import { PROBLEM_CONTENT_TYPE } from './errors/problem-body';
import { FHIR_CONTENT_TYPE, isFhirPath } from '../fhir/fhir-media';
import { fhirStatusOf, operationOutcomeSchema } from '../fhir/operation-outcome';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from './idempotency';
import { STEP_UP_LOGIN_PATH } from '../identity/step-up';
import { honoursIdempotency, needsStepUp, type Operation, type OtherResponse } from './operation';
import { problemSchema } from './schemas';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, Record<string, OpenApiOperation>> };
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  responses: Record<string, unknown>;
  [field: string]: unknown;
}

/** The document's security schemes. */
type AuthMethod = 'bearerToken' | 'apiKey' | 'sessionCookie';
const AUTH_METHODS: readonly AuthMethod[] = ['bearerToken', 'apiKey', 'sessionCookie'];

/**
 * Any request whose request line and headers pass Node's limit (16 KiB, --max-http-header-size) is
 * answered by the HTTP server itself, before the gateway sees it: 431 with no body (so not a problem).
 */
export const HEADERS_TOO_LARGE = 431;
const HEADERS_TOO_LARGE_RESPONSE = {
  description: `${STATUS_CODES[HEADERS_TOO_LARGE] ?? 'Request Header Fields Too Large'}: the request line and headers together pass the HTTP server’s limit (16 KiB). Answered before the gateway reads the request, without a body.`,
};

/** Components collected while converting: zod schemas with .meta({id}) become #/components/schemas/<id>. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const defs = (converted.$defs ?? {}) as Record<string, JsonSchema>;
    delete converted.$defs;
    delete converted.$schema;
    const renamed: Record<string, string> = {};
    for (const [id, definition] of Object.entries(defs)) {
      renamed[id] = this.register(id, definition, io);
    }
    for (const [id, definition] of Object.entries(defs)) {
      this.components[renamed[id] ?? id] = rewriteRefs(definition, renamed) as JsonSchema;
    }
    return rewriteRefs(converted, renamed) as JsonSchema;
  }

  /** The component name: the id, or <id>Input when the input shape differs from the output one. */
  private register(id: string, definition: JsonSchema, io: 'input' | 'output'): string {
    const existing = this.components[id];
    if (existing === undefined || JSON.stringify(existing) === JSON.stringify(definition)) {
      return id;
    }
    return io === 'input' ? `${id}Input` : id;
  }
}

function rewriteRefs(value: unknown, renamed: Record<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => rewriteRefs(item, renamed));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        if (key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/')) {
          const id = item.slice('#/$defs/'.length);
          return [key, `#/components/schemas/${renamed[id] ?? id}`];
        }
        return [key, rewriteRefs(item, renamed)];
      }),
    );
  }
  return value;
}

function parametersOf(collector: SchemaCollector, schema: z.ZodType | undefined, location: 'path' | 'query' | 'header'): unknown[] {
  if (schema === undefined) {
    return [];
  }
  const converted = collector.convert(schema, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = (converted.required ?? []) as string[];
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** The status of a request that fails the operation's schemas, under /fhir and elsewhere. */
const validationFailedStatus = (operation: Operation): number => (isFhirPath(operation.path) ? fhirStatusOf({ code: 'VALIDATION_FAILED', status: CATALOG.VALIDATION_FAILED.status }) : CATALOG.VALIDATION_FAILED.status);
const takesArguments = (operation: Operation): boolean => operation.params !== undefined || operation.query !== undefined || operation.body !== undefined;
const readsForm = (operation: Operation): boolean => operation.message?.in === 'form';

/** When a definition shows it, the problem statuses it can answer. */
const STATUS_RULES: readonly { when(operation: Operation): boolean; statuses: readonly (number | ((operation: Operation) => number))[] }[] = [
  { when: (operation) => operation.access !== 'public', statuses: [401, 403] },
  // Edge validation: 422 VALIDATION_FAILED, which the FHIR facade answers with 400 (fhir/operation-outcome.ts).
  { when: (operation) => takesArguments(operation) || operation.headers !== undefined || operation.upload !== undefined, statuses: [validationFailedStatus] },
  // The chaincode validates its arguments again, with rules no schema states (a cursor of another list, a window longer than 365 days).
  { when: (operation) => takesArguments(operation) && operation.transaction !== undefined, statuses: [CATALOG.INVALID_ARGUMENT.status] },
  { when: (operation) => operation.params !== undefined, statuses: [404] },
  // Malformed body or content coding (400), too large (413), a content coding the parser does not decode (415).
  { when: (operation) => operation.body !== undefined || operation.upload !== undefined || readsForm(operation), statuses: [400, 413, 415] },
  // A form in a charset the parser does not read.
  { when: readsForm, statuses: [422] },
  { when: honoursIdempotency, statuses: [409, 422] },
  // The Fabric client's own failures, from the one table that gives them their statuses.
  { when: (operation) => operation.transaction !== undefined, statuses: LEDGER_FAILURE_CODES.map((code) => CATALOG[code].status) },
  { when: () => true, statuses: [429, 500] },
];

/**
 * The problem statuses an operation can answer, derived from its definition plus its own list
 * (`errors`: what the definition cannot show, such as 404 for an object named in the body).
 */
export function errorStatusesOf(operation: Operation): number[] {
  const statuses = new Set<number>(operation.errors ?? []);
  for (const rule of STATUS_RULES.filter((candidate) => candidate.when(operation))) {
    rule.statuses.forEach((status) => statuses.add(typeof status === 'number' ? status : status(operation)));
  }
  return [...statuses].sort((a, b) => a - b);
}

function describe(operation: Operation): string {
  const lines = [operation.description ?? operation.summary];
  if (operation.callers !== undefined) {
    lines.push(`**Who:** ${operation.callers}`);
  }
  if (operation.transaction !== undefined) {
    lines.push(`**Chaincode:** \`${operation.transaction}\``);
  }
  if (typeof operation.access === 'object' && operation.access.scope !== undefined) {
    lines.push(`**Scope:** \`${operation.access.scope}\``);
  }
  if (needsStepUp(operation)) {
    lines.push(STEP_UP_TEXT);
  }
  return lines.join('\n\n');
}

const STEP_UP_TEXT = [
  '**Step-up:** this cannot be undone, so it needs a fresh authentication, not a long-lived token:',
  `a browser session signed in less than MEDLEDGER_STEP_UP_MINUTES (default 5) ago (sign in again with \`GET ${STEP_UP_LOGIN_PATH}\`),`,
  'or a personal access token with the `consent` scope (`POST /me/tokens {"name":"step-up","scopes":["consent"]}` from such a session; it lives 15 minutes).',
  'Otherwise 401 `STEP_UP_REQUIRED`, whose detail and `stepUp` member say how; an API key: 403.',
].join(' ');

function requestBodyOf(collector: SchemaCollector, operation: Operation): Record<string, unknown> {
  const { upload, message, body } = operation;
  if (upload !== undefined) {
    const content = Object.fromEntries(Object.entries(upload.content).map(([mediaType, schema]) => [mediaType, { schema: collector.convert(schema, 'input') }]));
    return { requestBody: { required: true, content } };
  }
  if (message?.in === 'form') {
    // A form whose every field is optional may be left out (a logout without a session just redirects).
    return { requestBody: { required: !message.schema.safeParse({}).success, content: { 'application/x-www-form-urlencoded': { schema: collector.convert(message.schema, 'input') } } } };
  }
  if (body === undefined) {
    return {};
  }
  return { requestBody: { required: !body.safeParse(undefined).success, content: { 'application/json': { schema: collector.convert(body, 'input') } } } };
}

function securityOf(operation: Operation): Record<string, string[]>[] {
  if (operation.access === 'public') {
    return [];
  }
  const methods: readonly AuthMethod[] = operation.access.sessionOnly === true ? ['sessionCookie'] : AUTH_METHODS;
  if (needsStepUp(operation)) {
    // OpenAPI 3.1 lets a non-OAuth scheme name the roles it needs: a token must carry consent; no API key steps up.
    return methods.filter((method) => method !== 'apiKey').map((method) => ({ [method]: method === 'bearerToken' ? ['consent'] : [] }));
  }
  return methods.map((method) => ({ [method]: [] }));
}

function parametersOfOperation(collector: SchemaCollector, operation: Operation): unknown[] {
  const parameters = [
    ...parametersOf(collector, operation.params, 'path'),
    ...parametersOf(collector, operation.query, 'query'),
    ...parametersOf(collector, operation.message?.in === 'query' ? operation.message.schema : undefined, 'query'),
    ...parametersOf(collector, operation.headers, 'header'),
    ...parametersOf(collector, operation.upload?.headers, 'header'),
  ];
  if (honoursIdempotency(operation)) {
    parameters.push({
      name: IDEMPOTENCY_HEADER,
      in: 'header',
      required: false,
      description: 'Retries with the same key and body return the first result; see the API description.',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
    });
  }
  return parameters;
}

/** A success or other answer: a redirect's Location header, a body in its content type, or nothing (204). */
function responseObject(collector: SchemaCollector, response: OtherResponse): Record<string, unknown> {
  const { status, description, schema, contentType = 'application/json' } = response;
  if (status >= 300 && status < 400) {
    return { description, headers: { Location: { required: true, schema: schema === undefined ? { type: 'string' } : collector.convert(schema, 'output') } } };
  }
  if (status === 204 || schema === undefined) {
    return { description };
  }
  return { description, content: { [contentType]: { schema: collector.convert(schema, 'output') } } };
}

/** How an operation's problems are sent: problem+json, or under /fhir an OperationOutcome (api/errors/error-handler.ts). */
function problemContentOf(operation: Operation): Record<string, unknown> {
  return isFhirPath(operation.path)
    ? { [FHIR_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/OperationOutcome' } } }
    : { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
}

function operationObject(collector: SchemaCollector, operation: Operation): OpenApiOperation {
  const parameters = parametersOfOperation(collector, operation);
  const responses: Record<string, unknown> = {};
  for (const response of [operation.response, ...(operation.otherResponses ?? [])]) {
    responses[String(response.status)] = responseObject(collector, response);
  }
  for (const status of errorStatusesOf(operation)) {
    // A status the handler also answers itself (the development IdP's 400 page) is either.
    const own = responses[String(status)] as { description: string; content?: Record<string, unknown> } | undefined;
    responses[String(status)] = {
      description: own?.description ?? STATUS_CODES[status] ?? 'Error',
      content: { ...own?.content, ...problemContentOf(operation) },
    };
  }
  responses[String(HEADERS_TOO_LARGE)] = HEADERS_TOO_LARGE_RESPONSE;
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: describe(operation),
    tags: [operation.tag],
    security: securityOf(operation),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...requestBodyOf(collector, operation),
    responses,
    // Reads of patient data: evaluated for the patient, submitted and logged for anyone else.
    ...(operation.patientData === true ? { 'x-patient-data': true } : {}),
  };
}

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

/** The OpenAPI 3.1 document of these operations, generated from the same definitions as the routes. */
export function openApiDocument(operations: readonly Operation[], info: DocumentInfo): OpenApiDocument {
  const collector = new SchemaCollector();
  collector.convert(problemSchema, 'output');
  collector.convert(operationOutcomeSchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method] !== undefined) {
      throw new Error(`two operations define ${operation.method.toUpperCase()} ${operation.path}`);
    }
    item[operation.method] = operationObject(collector, operation);
  }
  const tags = [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info,
    tags,
    paths,
    components: {
      schemas: collector.components,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: `Personal access token (POST /me/tokens). Scopes: ${scopeText()}` },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Organisation API key (also accepted as "Authorization: ApiKey <key>").' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Browser session after SAML sign-in; state changes also need the X-CSRF-Token header.' },
      },
    },
  };
}

function scopeText(): string {
  return Object.entries(SCOPE_MEANINGS)
    .map(([scope, meaning]) => `${scope}: ${meaning}`)
    .join(' ');
}
