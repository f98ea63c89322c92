import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** A key pair and the self-signed certificate the dev IdP publishes in its metadata. */
export interface SigningIdentity {
  privateKeyPem: string;
  certificatePem: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
/** DER NULL: RSA algorithm identifiers carry explicit NULL parameters (RFC 4055). */
const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;
const VALIDITY_MS = 365 * 24 * 3600_000;

/**
 * Generates an RSA-2048 key and a self-signed X.509 certificate in memory. RSA with SHA-256 because
 * every SAML stack (and xml-crypto) verifies rsa-sha256; the key never leaves this process.
 */
export function generateSigningIdentity(commonName = 'MedLedger development IdP'): SigningIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: selfSignedCertificate(commonName, publicKey, privateKey),
  };
}

function selfSignedCertificate(commonName: string, publicKey: KeyObject, privateKey: KeyObject): string {
  const name = new Name([
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type: COMMON_NAME, value: new AttributeValue({ utf8String: commonName }) })]),
  ]);
  const now = Date.now();
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: positiveSerialNumber(),
    signature: sha256WithRsa(),
    issuer: name,
    validity: new Validity({ notBefore: new Date(now - 3600_000), notAfter: new Date(now + VALIDITY_MS) }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbsCertificate)), privateKey);
  const certificate = new Certificate({ tbsCertificate, signatureAlgorithm: sha256WithRsa(), signatureValue: Uint8Array.from(signature).buffer });
  return toPem(Buffer.from(AsnConvert.serialize(certificate)));
}

function sha256WithRsa(): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: DER_NULL });
}

/** Positive (top bit clear) and without a leading zero byte, as DER integers require. */
function positiveSerialNumber(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return Uint8Array.from(serial).buffer;
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}
