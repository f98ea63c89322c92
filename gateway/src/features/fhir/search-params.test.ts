import { z } from 'zod';
import { dateSearchParam, matchesDates, patientSearchParam, type DateComparison } from './search-params';

const dates = (value: string | string[]): DateComparison[] => z.array(z.custom<DateComparison>()).parse(dateSearchParam('d').schema.parse(value));

describe('FHIR search parameters', () => {
  it.each([
    ['2026-03-01', '2026-03-01T10:00:00Z', true],
    ['2026-03-01', '2026-03-02T00:00:00Z', false],
    ['2026-03', '2026-03-31T23:59:59Z', true],
    ['2026', '2027-01-01T00:00:00Z', false],
    ['ge2026-03-01', '2026-03-01T00:00:00Z', true],
    ['gt2026-03-01', '2026-03-01T23:00:00Z', false],
    ['lt2026-03-01', '2026-02-28T23:59:59Z', true],
    ['le2026-03-01', '2026-03-01T23:59:59Z', true],
    ['ne2026-03-01', '2026-03-01T12:00:00Z', false],
    ['ge2026-03-01T10:00:00Z', '2026-03-01T09:59:59Z', false],
  ])('when date=%s, then %s matches: %s', (value, instant, matches) => {
    expect(matchesDates(instant, dates(value))).toBe(matches);
  });

  it('when the date is repeated, then both comparisons must hold', () => {
    const window = dates(['ge2026-03-01', 'lt2026-04-01']);
    expect([matchesDates('2026-03-15T00:00:00Z', window), matchesDates('2026-04-01T00:00:00Z', window)]).toEqual([true, false]);
  });

  it.each(['yesterday', '2026-13-45', 'xx2026', '2026-03-01T25:00:00Z'])('when date=%s, then it is refused', (value) => {
    expect(dateSearchParam('d').schema.safeParse(value).success).toBe(false);
  });

  it('when patient is a reference or a bare id, then it is the ledger ID; a stray dot is refused', () => {
    expect([patientSearchParam.schema.parse('Patient/pat-abc.1d'), patientSearchParam.schema.parse('pat-abcdef')]).toEqual(['pat-abc_d', 'pat-abcdef']);
    expect(patientSearchParam.schema.safeParse('Patient/pat.x').success).toBe(false);
  });
});
