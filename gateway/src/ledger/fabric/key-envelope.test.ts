import { randomBytes } from 'node:crypto';
import { identityKeyContext, KeyEnvelope } from './key-envelope';

describe('KeyEnvelope', () => {
  const key = randomBytes(32);
  const owner = identityKeyContext('prn_a', 'ProvidersMSP');

  it('when a secret is sealed and opened for the same owner, then it comes back unchanged', () => {
    const envelope = new KeyEnvelope(key);

    const sealed = envelope.seal('-----BEGIN PRIVATE KEY-----\nabc\n', owner);

    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('PRIVATE');
    expect(envelope.open(sealed, owner).toString()).toBe('-----BEGIN PRIVATE KEY-----\nabc\n');
  });

  it('when the same secret is sealed twice, then the nonces and ciphertexts differ', () => {
    const envelope = new KeyEnvelope(key);

    const [first, second] = [envelope.seal('same', owner), envelope.seal('same', owner)];

    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
    expect(first).not.toBe(second);
  });

  it('when an envelope is opened for another principal or MSP, then it is refused', () => {
    const envelope = new KeyEnvelope(key);
    const sealed = envelope.seal('secret', owner);

    expect(() => envelope.open(sealed, identityKeyContext('prn_b', 'ProvidersMSP'))).toThrow('cannot be opened');
    expect(() => envelope.open(sealed, identityKeyContext('prn_a', 'PayersMSP'))).toThrow('cannot be opened');
  });

  it('when an envelope is opened under another master key, or was tampered with, then it is refused', () => {
    const sealed = new KeyEnvelope(key).seal('secret', owner);
    const [version, nonce, ciphertext, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;

    expect(() => new KeyEnvelope(randomBytes(32)).open(sealed, owner)).toThrow('cannot be opened');
    expect(() => new KeyEnvelope(key).open([version, nonce, flipped.toString('base64url'), tag].join('.'), owner)).toThrow('cannot be opened');
  });

  it('when the envelope is malformed or of an unknown version, then it is refused', () => {
    const envelope = new KeyEnvelope(key);
    const sealed = envelope.seal('secret', owner);

    expect(() => envelope.open(sealed.replace(/^v1/, 'v2'), owner)).toThrow('not a v1 key envelope');
    expect(() => envelope.open('v1.abc', owner)).toThrow('not a v1 key envelope');
  });

  it('when the master key is not 32 bytes, then the envelope cannot be made', () => {
    expect(() => new KeyEnvelope(randomBytes(16))).toThrow('32 bytes');
  });
});
