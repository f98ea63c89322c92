import request from 'supertest';
import { CATALOG } from '../api/errors/catalog';
import { LEDGER_FAILURE_CODES } from '../ledger/ledger-port';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import type { OpenApiDocument, OpenApiOperation } from '../api/openapi';

/**
 * The statuses the document promises, checked over every operation of /openapi.json (the route
 * table as clients see it), so that a new operation cannot forget one. The API conformance runs
 * (scripts/schemathesis.mjs) find the same gaps, but only when the fuzzer happens to hit them.
 */

type JsonSchema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
}

/**
 * Body properties named like a reference ("...Id", "...Ids") that name the object the operation
 * creates, not one that must already exist: they cannot be 404. Each entry says why.
 */
const CREATED_HERE: Readonly<Record<string, readonly string[]>> = {
  // The insurer chooses the new package's ID; an existing one is 409 ALREADY_EXISTS.
  publishInsurancePackage: ['packageId'],
};

describe('the document lists every status its operations answer', () => {
  let gateway: TestGateway;
  let document: OpenApiDocument;
  let operations: { label: string; operation: OpenApiOperation }[];
  const descriptionOf = (operation: OpenApiOperation): string => (typeof operation.description === 'string' ? operation.description : '');

  beforeAll(async () => {
    gateway = createTestGateway();
    document = (await request(gateway.app).get('/openapi.json')).body as OpenApiDocument;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, operation })),
    );
  });

  afterAll(() => gateway.close());

  const components = (): Record<string, JsonSchema> => (document.components as { schemas: Record<string, JsonSchema> }).schemas;

  /** The property names of a request body schema, however deep (through $ref, arrays and unions). */
  function propertyNames(schema: unknown, seen = new Set<string>()): string[] {
    if (schema === null || typeof schema !== 'object') return [];
    const node = schema as JsonSchema;
    if (typeof node.$ref === 'string') {
      const id = node.$ref.slice('#/components/schemas/'.length);
      if (seen.has(id)) return [];
      seen.add(id);
      return propertyNames(components()[id], seen);
    }
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const nested = [node.items, ...((node.anyOf ?? []) as unknown[]), ...((node.oneOf ?? []) as unknown[]), ...((node.allOf ?? []) as unknown[]), ...Object.values(properties)];
    return [...Object.keys(properties), ...nested.flatMap((child) => propertyNames(child, seen))];
  }

  function bodyReferences(operation: OpenApiOperation): string[] {
    const content = ((operation.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content ?? {}) as Record<string, { schema: unknown }>;
    const created = CREATED_HERE[operation.operationId] ?? [];
    const names = Object.values(content).flatMap((media) => propertyNames(media.schema));
    return [...new Set(names.filter((name) => /Ids?$/.test(name) && !created.includes(name)))];
  }

  it('when an operation takes a path parameter, then it documents 404', () => {
    const missing = operations.filter(({ operation }) => ((operation.parameters ?? []) as Parameter[]).some((parameter) => parameter.in === 'path') && operation.responses['404'] === undefined);

    expect(missing.map(({ label }) => label)).toEqual([]);
  });

  it('when an operation’s body names another object by its ID, then it documents 404 (the ledger answers NOT_FOUND for an unknown one)', () => {
    const withReferences = operations.filter(({ operation }) => bodyReferences(operation).length > 0);
    const missing = withReferences.filter(({ operation }) => operation.responses['404'] === undefined);

    expect(withReferences.map(({ label }) => label)).toEqual(expect.arrayContaining(['POST /orders', 'POST /insurance/claims', 'POST /consents', 'POST /hospital-services']));
    expect(missing.map(({ label, operation }) => `${label} (${bodyReferences(operation).join(', ')})`)).toEqual([]);
  });

  it('when an operation calls the ledger with arguments, then it documents the chaincode’s INVALID_ARGUMENT status (rules no schema states)', () => {
    const status = String(CATALOG.INVALID_ARGUMENT.status);
    const takesArguments = (operation: OpenApiOperation) => ((operation.parameters ?? []) as Parameter[]).some((parameter) => parameter.in === 'path' || parameter.in === 'query') || operation.requestBody !== undefined;
    const ledger = operations.filter(({ operation }) => descriptionOf(operation).includes('**Chaincode:**') && takesArguments(operation));
    const missing = ledger.filter(({ operation }) => operation.responses[status] === undefined);

    expect(ledger.length).toBeGreaterThan(50);
    expect(missing.map(({ label }) => label)).toEqual([]);
  });

  it('when an operation calls the ledger, then it documents the status of every failure of the Fabric client (api/errors/catalog.ts)', () => {
    const statuses = [...new Set(LEDGER_FAILURE_CODES.map((code) => String(CATALOG[code].status)))];
    const ledger = operations.filter(({ operation }) => descriptionOf(operation).includes('**Chaincode:**'));
    const missing = ledger.filter(({ operation }) => statuses.some((status) => operation.responses[status] === undefined));

    expect(missing.map(({ label }) => label)).toEqual([]);
  });

  it('when the files routes are read, then an erased file (410) and an integrity failure (502) are documented where they happen', () => {
    const statusesOf = (label: string) => Object.keys(operations.find((entry) => entry.label === label)?.operation.responses ?? {});

    expect(statusesOf('GET /files/{fileId}/content')).toEqual(expect.arrayContaining(['410', '502']));
    expect(statusesOf('POST /files/{fileId}/versions')).toEqual(expect.arrayContaining(['410']));
  });

  it('when an upload is read in the document, then its fields are headers, required alike for both body forms, and the multipart body is exactly the file', () => {
    const upload = operations.find((entry) => entry.label === 'POST /files')?.operation;
    const headers = ((upload?.parameters ?? []) as (Parameter & { required: boolean })[]).filter((parameter) => parameter.in === 'header');
    const multipart = (upload?.requestBody as { content: Record<string, { schema: JsonSchema }> }).content['multipart/form-data']?.schema;

    expect(headers.filter((header) => header.required).map((header) => header.name).sort()).toEqual(['X-Category', 'X-Patient-Id']);
    expect(multipart).toMatchObject({ required: ['file'], additionalProperties: false });
    expect(Object.keys(multipart?.properties ?? {})).toEqual(['file']);
  });
});
