import { r4Errors } from './r4-validator';

/** A resource as the validator reads it: its type, its id, and a Bundle's entries. */
interface Emitted {
  resourceType?: unknown;
  id?: unknown;
  entry?: { resource?: unknown }[];
}

/**
 * The errors of a resource and, for a Bundle, of each entry's resource on its own too (so an error
 * names the entry it is in), each prefixed with the resource it is in.
 */
export function fhirErrors(resource: unknown): string[] {
  const emitted = (resource ?? {}) as Emitted;
  const label = `${String(emitted.resourceType)}/${typeof emitted.id === 'string' ? emitted.id : '-'}`;
  const own = r4Errors(resource).map((error) => `${label} ${error}`);
  const entries = emitted.resourceType === 'Bundle' ? (emitted.entry ?? []).flatMap((entry) => fhirErrors(entry.resource)) : [];
  return [...own, ...entries];
}

/** Fails unless a real validator (@medplum/core, R4 base definitions, offline) finds 0 errors in the resource. */
export function expectValidFhir(resource: unknown): void {
  expect(fhirErrors(resource)).toEqual([]);
}
