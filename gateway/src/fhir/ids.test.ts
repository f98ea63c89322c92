import { fhirIdOf, FHIR_ID_PATTERN, ledgerIdOf } from './ids';

describe('FHIR ids of ledger IDs', () => {
  it('when a ledger ID has only FHIR id characters and no dot, then it is its own FHIR id', () => {
    expect(fhirIdOf('pat-4f9a1c2e')).toBe('pat-4f9a1c2e');
    expect(ledgerIdOf('pat-4f9a1c2e')).toBe('pat-4f9a1c2e');
  });

  it.each(['pat-ab_cd_ef', 'file.v2', 'a._.b', 'x..y__z', 'grant-00000000-0000-0000-0000-000000000000', 'R.1', 'doc-.0.1_'])('when the ledger ID is %s, then its FHIR id is valid and maps back to it', (ledgerId) => {
    const id = fhirIdOf(ledgerId);
    expect(id).toMatch(FHIR_ID_PATTERN);
    expect(ledgerIdOf(String(id))).toBe(ledgerId);
  });

  it('when the escaped ID is longer than 64 characters, then it has no FHIR id', () => {
    expect(fhirIdOf('a'.repeat(65))).toBeUndefined();
    expect(fhirIdOf(`a${'_'.repeat(32)}`)).toBeUndefined();
  });

  it.each(['a.', 'a.2', '.x', 'a b', '', 'a'.repeat(65)])('when the FHIR id is %p, then no ledger ID maps to it', (id) => {
    expect(ledgerIdOf(id)).toBeUndefined();
  });
});
