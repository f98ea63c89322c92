import { requireInstant, requireSubset } from './validation';

describe('requireInstant', () => {
  it('when given a UTC instant without milliseconds, then it is normalised to millisecond precision', () => {
    expect(requireInstant('validUntil', '2026-01-31T12:00:00Z')).toBe('2026-01-31T12:00:00.000Z');
  });

  it.each(['2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-01-31T24:00:00Z', '2026-01-31', '2026-01-31T12:00:00+02:00', 'tomorrow'])(
    'when given %p, then it is refused as INVALID_ARGUMENT',
    (value) => {
      expect(() => requireInstant('validUntil', value)).toThrow(/^INVALID_ARGUMENT: validUntil must be an ISO-8601 UTC instant/);
    },
  );
});

describe('requireSubset', () => {
  it('when values repeat, then they are refused', () => {
    expect(() => requireSubset('actions', ['view', 'view'], ['view', 'edit'])).toThrow(/must not repeat/);
  });

  it('when values are allowed, then they come back sorted', () => {
    expect(requireSubset('actions', ['view', 'edit'], ['view', 'edit'])).toEqual(['edit', 'view']);
  });
});
