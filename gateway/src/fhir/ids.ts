/**
 * The server's resource ids: a FHIR id is [A-Za-z0-9\-.]{1,64}, a ledger ID may also hold '_'
 * (and is up to 128 characters). The mapping is reversible so a read by id finds the ledger object
 * without any lookup table: '.' and '_' are escaped as '.0' and '.1', every other character stays,
 * so the usual IDs (pat-4f9a1c2e, grant-…) are their own FHIR id. An ID whose escaped form is longer
 * than 64 characters has no server id: it is referenced by its logical identifier only.
 */
export const FHIR_ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

const ESCAPES: Readonly<Record<string, string>> = { '.': '.0', _: '.1' };
const UNESCAPES: Readonly<Record<string, string>> = { '.0': '.', '.1': '_' };

/** The FHIR id of a ledger ID, or undefined when it cannot be one (too long, or a character outside both alphabets). */
export function fhirIdOf(ledgerId: string): string | undefined {
  const escaped = ledgerId.replace(/[._]/g, (character) => ESCAPES[character] ?? character);
  return FHIR_ID_PATTERN.test(escaped) ? escaped : undefined;
}

/** The ledger ID a FHIR id stands for, or undefined when no ledger ID maps to it (a stray '.'). */
export function ledgerIdOf(fhirId: string): string | undefined {
  if (!FHIR_ID_PATTERN.test(fhirId) || /\.(?![01])/.test(fhirId)) {
    return undefined;
  }
  return fhirId.replace(/\.[01]/g, (escape) => UNESCAPES[escape] ?? escape);
}
