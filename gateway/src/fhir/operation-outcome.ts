import { z } from 'zod';
import type { Resource } from './resources';

/**
 * An error as FHIR R4 says a server reports one (https://hl7.org/fhir/R4/operationoutcome.html):
 * one issue whose code is the FHIR issue type closest to the HTTP status, keeping MedLedger's
 * stable problem code in details.coding (system urn:medledger:problem) and the human message in
 * diagnostics. The HTTP status stays the REST problem's.
 */
export const PROBLEM_SYSTEM = 'urn:medledger:problem';

export type IssueType = 'invalid' | 'security' | 'login' | 'forbidden' | 'not-found' | 'not-supported' | 'conflict' | 'deleted' | 'too-long' | 'throttled' | 'exception' | 'transient' | 'timeout' | 'processing';

export interface OperationOutcome extends Omit<Resource, 'id'> {
  resourceType: 'OperationOutcome';
  issue: {
    severity: 'fatal' | 'error' | 'warning' | 'information';
    code: IssueType;
    details: { coding: { system: string; code: string; display: string }[]; text: string };
    diagnostics?: string;
  }[];
}

/** What of a problem the outcome carries. */
export interface ProblemFacts {
  status: number;
  code: string;
  title: string;
  detail?: string;
}

const BY_STATUS: Readonly<Record<number, IssueType>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  410: 'deleted',
  412: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  422: 'invalid',
  428: 'invalid',
  429: 'throttled',
  503: 'transient',
  504: 'timeout',
};

function issueTypeOf(status: number): IssueType {
  return BY_STATUS[status] ?? (status >= 500 ? 'exception' : 'processing');
}

/**
 * The HTTP status of a problem under /fhir. FHIR answers a request it cannot process (a search
 * parameter it cannot read, a resource that fails the server's checks) with 400
 * (https://hl7.org/fhir/R4/http.html, search.html#errors), where the REST API answers its own edge
 * validation with 422; so VALIDATION_FAILED is 400 here, with the same code. Every other problem
 * keeps its REST status.
 */
export function fhirStatusOf(problem: { status: number; code: string }): number {
  return problem.code === 'VALIDATION_FAILED' ? 400 : problem.status;
}

/** The OperationOutcome as the OpenAPI document describes /fhir errors. */
export const operationOutcomeSchema = z
  .object({
    resourceType: z.literal('OperationOutcome'),
    issue: z
      .array(
        z.object({
          severity: z.enum(['fatal', 'error', 'warning', 'information']),
          code: z.string().describe('The FHIR issue type closest to the HTTP status'),
          details: z.object({
            coding: z.array(z.object({ system: z.string().describe(PROBLEM_SYSTEM), code: z.string().describe('The stable problem code, as in the REST API'), display: z.string() })),
            text: z.string(),
          }),
          diagnostics: z.string().optional(),
        }),
      )
      .min(1),
  })
  .loose()
  .meta({ id: 'OperationOutcome' });

export function operationOutcomeOf(problem: ProblemFacts): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: issueTypeOf(problem.status),
        details: { coding: [{ system: PROBLEM_SYSTEM, code: problem.code, display: problem.title }], text: problem.title },
        ...(problem.detail === undefined ? {} : { diagnostics: problem.detail }),
      },
    ],
  };
}
