import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { derBitString, derOid, derSequence, derSet, derTlv, derUtf8 } from './der';

const generateEcKeyPair = promisify(generateKeyPair);
const COMMON_NAME_OID = '550403'; // 2.5.4.3
const ECDSA_WITH_SHA256_OID = '2a8648ce3d040302'; // 1.2.840.10045.4.3.2

/**
 * A new P-256 key and a PKCS#10 request for it, on node:crypto. fabric-ca-client would generate
 * both in pure JavaScript (jsrsasign), blocking the event loop for most of a second per
 * enrollment; here the key is generated on libuv's thread pool and the request signed by OpenSSL.
 * fabric-ca replaces the subject except for the common name, which must be the enrollment ID.
 */
export async function newKeyAndCertificateRequest(commonName: string): Promise<{ privateKey: KeyObject; csrPem: string }> {
  const { privateKey, publicKey } = await generateEcKeyPair('ec', { namedCurve: 'prime256v1' });
  const info = derSequence(
    derTlv(0x02, Buffer.from([0])), // version 1
    derSequence(derSet(derSequence(derOid(COMMON_NAME_OID), derUtf8(commonName)))),
    publicKey.export({ type: 'spki', format: 'der' }),
    derTlv(0xa0), // no attributes
  );
  const request = derSequence(info, derSequence(derOid(ECDSA_WITH_SHA256_OID)), derBitString(sign('sha256', info, privateKey)));
  const base64 = request.toString('base64').replace(/.{64}/g, '$&\n');
  return { privateKey, csrPem: `-----BEGIN CERTIFICATE REQUEST-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE REQUEST-----\n` };
}
