import { JSONSerializer } from 'fabric-contract-api';
import { sortedCopy, toSortedJson } from './serialization';

/**
 * Transactions return sortedCopy(value) and fabric-contract-api writes it (JSON.stringify after
 * class-transformer's classToPlain). The gateway parses exactly the bytes toSortedJson writes,
 * which transactions returned as text before they were typed, so the two must never differ.
 */
describe('the wire form of a transaction result', () => {
  const typedResult = { $ref: '#/components/schemas/Anything' };

  test('when a transaction returns sortedCopy(value), then fabric-contract-api writes exactly toSortedJson(value)', () => {
    // Arrange
    const value = {
      zeta: [{ b: 1, a: null }, 'text', 0, false],
      alpha: { nested: { y: true, x: undefined, 'é': 'ü ✓ "quoted" \\ \n' } },
      count: 12.5,
      empty: {},
      list: [],
      '10': 'integer-like keys come first in any JS object, in both forms alike',
      '9': 'nine',
      details: null,
    };

    // Act
    const written = new JSONSerializer().toBuffer(sortedCopy(value), typedResult).toString('utf8');

    // Assert
    expect(written).toBe(toSortedJson(value));
    expect(written).not.toContain('"x"');
  });

  test('when a value is copied for returning, then the original is left as it was', () => {
    // Arrange
    const value = { b: 1, a: { d: undefined, c: 2 } };

    // Act
    const copy = sortedCopy(value);

    // Assert
    expect(Object.keys(copy)).toEqual(['a', 'b']);
    expect(Object.keys(value)).toEqual(['b', 'a']);
    expect('d' in value.a).toBe(true);
  });
});
