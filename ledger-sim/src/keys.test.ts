import { compareKeys, createCompositeKey, splitCompositeKey } from './keys';

describe('keys', () => {
  it('when keys differ below U+D800, then they compare like plain strings', () => {
    expect(['b', 'a', 'ab', ''].sort(compareKeys)).toEqual(['', 'a', 'ab', 'b']);
  });

  it('when an astral character meets U+E000..U+FFFF, then the astral one sorts last, as in UTF-8 byte order', () => {
    const keys = ['\u{10ffff}', '\uffff', '\u{1F600}', '\ue000'];

    const sorted = [...keys].sort(compareKeys);

    expect(sorted).toEqual(['\ue000', '\uffff', '\u{1F600}', '\u{10ffff}']);
    expect(sorted).toEqual([...keys].sort((left, right) => Buffer.compare(Buffer.from(left), Buffer.from(right))));
  });

  it('when a composite key is split, then object type and attributes are recovered', () => {
    expect(splitCompositeKey(createCompositeKey('consent', ['P1', 'D1']))).toEqual({ objectType: 'consent', attributes: ['P1', 'D1'] });
    expect(splitCompositeKey(createCompositeKey('consent', []))).toEqual({ objectType: 'consent', attributes: [] });
  });

  it('when a simple key is split, then the object type is null like in the shim', () => {
    expect(splitCompositeKey('plain-key')).toEqual({ objectType: null, attributes: [] });
  });

  it('when attributes are not an array, then no composite key is created', () => {
    expect(() => createCompositeKey('consent', 'P1' as unknown as string[])).toThrow('attributes must be an array');
  });
});
