import { sign, type KeyObject } from 'node:crypto';
import { hash, type Hash, type Signer } from '@hyperledger/fabric-gateway';
import { derInteger, derSequence } from './der';

/** Curve orders of the NIST curves fabric-ca issues keys on, for low-S normalisation. */
const CURVE_ORDERS: Record<string, { order: bigint; hashAlgorithm: string }> = {
  prime256v1: { order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, hashAlgorithm: 'sha256' },
  secp384r1: {
    order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    hashAlgorithm: 'sha384',
  },
};

/**
 * A signer on node:crypto (OpenSSL), with the matching gateway hash option.
 *
 * Why not `signers.newPrivateKeySigner(key)`: in fabric-gateway 1.11 that function signs EC keys
 * with @noble/curves, i.e. pure JavaScript on the event loop: about 0.5 ms per signature here
 * against 0.035 ms for OpenSSL, and every submit signs three times (proposal, transaction,
 * commit status request). node:crypto cannot sign a precomputed digest with ECDSA, so the gateway
 * is told to hand over the whole message (`hash.none`) and OpenSSL hashes and signs it in one call.
 *
 * Fabric rejects ECDSA signatures whose S is in the upper half of the curve order (the
 * malleable twin of a valid signature); OpenSSL does not normalise S, so we do.
 */
export function nodeCryptoSigning(privateKey: KeyObject): { signer: Signer; hash: Hash } {
  const signMessage = lowSSigner(privateKey);
  return { signer: (message) => Promise.resolve(signMessage(message)), hash: hash.none };
}

/**
 * Signs whole messages (hashed with the curve's SHA-2) the way Fabric and fabric-ca verify them:
 * DER-encoded ECDSA with S in the lower half of the curve order.
 */
export function lowSSigner(privateKey: KeyObject): (message: Uint8Array) => Buffer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec') {
    throw new Error('a Fabric identity key must be an EC private key');
  }
  const curve = CURVE_ORDERS[privateKey.asymmetricKeyDetails?.namedCurve ?? ''];
  if (curve === undefined) {
    throw new Error(`unsupported curve ${String(privateKey.asymmetricKeyDetails?.namedCurve)}; Fabric identities use P-256 or P-384`);
  }
  return (message) => lowSDer(sign(curve.hashAlgorithm, message, { key: privateKey, dsaEncoding: 'ieee-p1363' }), curve.order);
}

/** r‖s (fixed width) → DER SEQUENCE { INTEGER r, INTEGER s } with s replaced by n − s when s > n/2. */
function lowSDer(raw: Buffer, order: bigint): Buffer {
  const width = raw.length / 2;
  const r = toBigInt(raw.subarray(0, width));
  let s = toBigInt(raw.subarray(width));
  if (s > order >> 1n) {
    s = order - s;
  }
  return derSequence(derInteger(r), derInteger(s));
}

function toBigInt(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString('hex')}`);
}
