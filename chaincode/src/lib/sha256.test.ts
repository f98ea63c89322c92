import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('when hashing %p, then it matches the FIPS 180-4 test vector', (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });
});
