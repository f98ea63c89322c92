/** Where the FHIR facade answers and what it answers with (https://hl7.org/fhir/R4/http.html#mime-type). */
export const FHIR_BASE_PATH = '/fhir';
export const FHIR_CONTENT_TYPE = 'application/fhir+json';
export const FHIR_VERSION = '4.0.1';

/** Whether a request path (without the query) is under the FHIR base, where errors are OperationOutcomes. */
export function isFhirPath(path: string): boolean {
  return path === FHIR_BASE_PATH || path.startsWith(`${FHIR_BASE_PATH}/`);
}
