import { z } from 'zod';
import { pageOf } from '../api/pagination';
import { PROBLEM_SYSTEM } from '../fhir/operation-outcome';

/*
 * supertest types a parsed body as any: tests read it through these helpers, parsed with the shape
 * the test expects (the gateway's own page schema where there is one), so a body of another shape
 * fails loudly instead of flowing on as an unchecked `any`.
 */

export interface HasBody {
  body: unknown;
}

/** A resource as the gateway answers it: an ID, usually a status, and its other members. */
export const resourceBody = z.object({ id: z.string(), status: z.string().optional() }).catchall(z.unknown());
export type ResourceBody = z.output<typeof resourceBody>;

/** A problem+json body (RFC 9457, api/errors/problem-body.ts), with the validation errors when there are some. */
export const problemBody = z
  .object({ code: z.string(), detail: z.string().optional(), errors: z.array(z.object({ path: z.string() }).catchall(z.unknown())).optional() })
  .catchall(z.unknown());
export type ProblemWithErrors = z.output<typeof problemBody>;

export function bodyOf<Body>(response: HasBody, schema: z.ZodType<Body>): Body {
  return schema.parse(response.body);
}

/** The body of a created or read resource. */
export function resourceOf(response: HasBody): ResourceBody {
  return bodyOf(response, resourceBody);
}

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** One page of a list operation, of resources. */
export function pageIn(response: HasBody): Page<ResourceBody> {
  return pageWith(response, resourceBody);
}

/** One page of a list whose items are read with this schema (items that are not resources with an ID, say). */
export function pageWith<Item>(response: HasBody, item: z.ZodType<Item>): Page<Item> {
  return bodyOf(response, pageOf(item));
}

export function problemOf(response: HasBody): ProblemWithErrors {
  return bodyOf(response, problemBody);
}

const operationOutcome = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(z.object({ details: z.object({ coding: z.array(z.object({ system: z.string(), code: z.string() })) }) })).min(1),
});

/**
 * The problem code of a refusal; undefined for an answer that is not a problem. Under /fhir a
 * refusal is an OperationOutcome carrying the same code (fhir/operation-outcome.ts), read here so
 * every test that asks for a code holds for both.
 */
export function codeOf(response: HasBody): string | undefined {
  const outcome = operationOutcome.safeParse(response.body);
  if (outcome.success) {
    return outcome.data.issue[0]?.details.coding.find((coding) => coding.system === PROBLEM_SYSTEM)?.code;
  }
  return bodyOf(response, z.object({ code: z.string().optional() })).code;
}

/** What a refused list answers, to compare with `{ code: 'INVALID_ARGUMENT', items: undefined }`. */
export function refusedListOf(response: HasBody): { code: string | undefined; items: unknown } {
  const { code, items } = bodyOf(response, z.object({ code: z.string().optional(), items: z.unknown().optional() }));
  return { code, items };
}

/** expect.stringMatching, typed as what it is to the compiler: an unknown value inside an expected object. */
export function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern);
}

/** expect.any, typed as unknown like matching: `{ logEntryId: anyOf(String) }`. */
export function anyOf(type: abstract new (...args: never[]) => unknown): unknown {
  return expect.any(type);
}

/** expect.objectContaining, typed as unknown like matching: an object with at least these members. */
export function including(members: Record<string, unknown>): unknown {
  return expect.objectContaining(members);
}

/** expect.stringContaining, typed as unknown like matching. */
export function containing(text: string): unknown {
  return expect.stringContaining(text);
}
