import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AttributeTypeAndValue,
  AttributeValue,
  AlgorithmIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';

/**
 * Builds ECDSA P-256 X.509 certificates synchronously: ASN.1 structures from @peculiar/asn1-x509,
 * signatures from node:crypto. (WebCrypto-based generators are async, and identity() is not.)
 */

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** Distinguished-name attribute types, in the order they appear in the name. */
const NAME_ATTRIBUTE_OIDS = { O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;
export type NameAttribute = [type: keyof typeof NAME_ATTRIBUTE_OIDS, value: string];

/** Fixed and wide, so any clock a test sets lies inside; UTCTime ends with 2049. */
function validityPeriod(): Validity {
  return new Validity({ notBefore: new Date('2000-01-01T00:00:00Z'), notAfter: new Date('2049-12-31T23:59:59Z') });
}

export interface CertificateRequest {
  subject: readonly NameAttribute[];
  issuer: readonly NameAttribute[];
  subjectPublicKey: KeyObject;
  issuerPrivateKey: KeyObject;
  isAuthority: boolean;
  extraExtensions?: readonly Extension[];
}

export function issueCertificatePem(request: CertificateRequest): string {
  const subjectPublicKeyInfo = AsnConvert.parse(request.subjectPublicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: positiveSerialNumber(),
    signature: signatureAlgorithm(),
    issuer: distinguishedName(request.issuer),
    validity: validityPeriod(),
    subject: distinguishedName(request.subject),
    subjectPublicKeyInfo,
    extensions: new Extensions([...standardExtensions(request.isAuthority, subjectPublicKeyInfo), ...(request.extraExtensions ?? [])]),
  });
  const signedPart = Buffer.from(AsnConvert.serialize(tbsCertificate));
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: signatureAlgorithm(),
    // node signs ECDSA in DER (ECDSA-Sig-Value), exactly what X.509 expects
    signatureValue: toArrayBuffer(sign('sha256', signedPart, request.issuerPrivateKey)),
  });
  return toPem(Buffer.from(AsnConvert.serialize(certificate)));
}

/** An extension whose value is the given raw bytes, as fabric-ca writes its attribute extension. */
export function rawExtension(oid: string, value: Uint8Array): Extension {
  return new Extension({ extnID: oid, critical: false, extnValue: new OctetString(value) });
}

function standardExtensions(isAuthority: boolean, publicKey: SubjectPublicKeyInfo): Extension[] {
  const usage = isAuthority ? KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign : KeyUsageFlags.digitalSignature;
  return [
    encodedExtension(id_ce_keyUsage, true, new KeyUsage(usage)),
    encodedExtension(id_ce_basicConstraints, true, new BasicConstraints({ cA: isAuthority })),
    encodedExtension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(publicKey))),
  ];
}

function encodedExtension(oid: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID: oid, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function distinguishedName(attributes: readonly NameAttribute[]): Name {
  return new Name(
    attributes.map(
      ([type, value]) =>
        new RelativeDistinguishedName([
          new AttributeTypeAndValue({ type: NAME_ATTRIBUTE_OIDS[type], value: new AttributeValue({ utf8String: value }) }),
        ]),
    ),
  );
}

function signatureAlgorithm(): AlgorithmIdentifier {
  // ECDSA algorithm identifiers carry no parameters at all (RFC 5758), not even NULL
  return new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
}

/**
 * 16 random bytes whose first byte has the top bit clear (DER integers are signed; serials must
 * be positive) and is non-zero (DER integers have no leading zero byte).
 */
function positiveSerialNumber(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return toArrayBuffer(serial);
}

/** RFC 5280's method 1: SHA-1 of the public key bits. */
function keyIdentifier(publicKey: SubjectPublicKeyInfo): Uint8Array {
  return createHash('sha1').update(Buffer.from(publicKey.subjectPublicKey)).digest();
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return Uint8Array.from(bytes).buffer;
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}
