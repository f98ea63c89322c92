import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { hash } from '@hyperledger/fabric-gateway';
import { lowSSigner, nodeCryptoSigning } from './signer';

const P256_HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

function sOf(der: Buffer): bigint {
  const rLength = der[3] ?? 0;
  const sLength = der[5 + rLength] ?? 0;
  return BigInt(`0x${der.subarray(6 + rLength, 6 + rLength + sLength).toString('hex')}`);
}

describe('nodeCryptoSigning', () => {
  it('when messages are signed, then each signature verifies over SHA-256 of the whole message and has a low S', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const { signer, hash: gatewayHash } = nodeCryptoSigning(privateKey);

    // about half of raw ECDSA signatures have a high S; 64 would all be low only by normalisation
    for (let i = 0; i < 64; i += 1) {
      const message = createHash('sha256').update(String(i)).digest();
      const signature = Buffer.from(await signer(gatewayHash(message)));

      expect(verify('sha256', message, publicKey, signature)).toBe(true);
      expect(sOf(signature) <= P256_HALF_ORDER).toBe(true);
    }
    expect(gatewayHash).toBe(hash.none);
  });

  it('when the key is P-384, then it signs with SHA-384', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });

    const signature = lowSSigner(privateKey)(Buffer.from('message'));

    expect(verify('sha384', Buffer.from('message'), publicKey, signature)).toBe(true);
  });

  it('when the key is not an EC private key on a Fabric curve, then no signer is made', () => {
    expect(() => nodeCryptoSigning(generateKeyPairSync('ed25519').privateKey)).toThrow('EC private key');
    expect(() => nodeCryptoSigning(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey)).toThrow('unsupported curve');
  });
});
