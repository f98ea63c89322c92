import { REDACTED, REDACTED_FIELDS, redacted, redactedFields } from './redaction';

describe('redacted', () => {
  it.each([...REDACTED_FIELDS])('when "%s" appears at the top, five objects deep or inside an array, then each value is masked', (field) => {
    const line = { [field]: 'secret-1', a: { b: { c: { d: { [field]: 'secret-2' } } } }, list: [{ [field]: 'secret-3' }, 'plain'] };

    const text = JSON.stringify(redacted(line));

    expect(text).not.toMatch(/secret-\d/);
    expect(text.split(REDACTED).length - 1).toBe(3);
    expect(text).toContain('plain');
  });

  it('when something is masked, then the logged object is a copy and the caller’s object is unchanged', () => {
    const original = { consent: { purpose: 'psychiatry', grantId: 'g-1' }, count: 2 };
    const snapshot = JSON.stringify(original);

    const result = redacted(original) as typeof original;

    expect(JSON.stringify(original)).toBe(snapshot);
    expect(result).toEqual({ consent: { purpose: REDACTED, grantId: 'g-1' }, count: 2 });
  });

  it('when nothing is masked, then the very same object is logged (no copy)', () => {
    const clean = { principalId: 'prn_1', nested: { code: 'RATE_LIMITED' }, list: [1, 2] };

    expect(redacted(clean)).toBe(clean);
  });

  it('when a field is left as is for its serializer, then it is not looked into, and its siblings still are', () => {
    const fields = { req: { body: 'kept for the req serializer' }, token: 'secret' };

    expect(redactedFields(fields, new Set(['req']))).toEqual({ req: { body: 'kept for the req serializer' }, token: REDACTED });
  });
});
