import { safeReturnTo } from './relay-state';

describe('safeReturnTo', () => {
  test.each([
    ['/', '/'],
    ['/records', '/records'],
    ['/records?page=2#top', '/records?page=2#top'],
    ['/a/../b', '/b'],
  ])('when given the same-origin path %s, then it keeps %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  test.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash trick', '/\\evil.example'],
    ['a tab trick', '/\t/evil.example'],
    ['a newline', '/records\nSet-Cookie: x=1'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without slash', 'records'],
    ['an empty string', ''],
    ['an overlong path', `/${'a'.repeat(600)}`],
    ['a non-string', 42],
    ['an array', ['/a', '/b']],
  ])('when given %s, then it is dropped', (_label, input) => {
    expect(safeReturnTo(input)).toBeUndefined();
  });
});
