import { X509Certificate } from 'node:crypto';

/** The certificate attributes the chaincode reads the caller from. */
export const ROLE_ATTRIBUTE = 'medledger.role';
export const STAKEHOLDER_ATTRIBUTE = 'medledger.id';

/** fabric-ca writes the attributes requested at enrollment into this extension as `{"attrs":{...}}`. */
const FABRIC_CA_ATTRIBUTES_OID_DER = Buffer.from('2a03040506070801', 'hex'); // 1.2.3.4.5.6.7.8.1

export function certificateNotAfter(certificatePem: string): Date {
  return new Date(new X509Certificate(certificatePem).validTo);
}

/**
 * The fabric-ca attributes in an enrollment certificate (what the chaincode's ClientIdentity
 * reads), or {} when the certificate has none. node:crypto parses the certificate but does not
 * expose unknown extensions, so the extension is found by walking the DER.
 */
export function fabricCaAttributes(certificatePem: string): Record<string, string> {
  const der = new X509Certificate(certificatePem).raw;
  const tbs = children(der, readTlv(der, 0))[0];
  const extensionsWrapper = tbs === undefined ? undefined : children(der, tbs).find((field) => field.tag === 0xa3);
  const extensionList = extensionsWrapper === undefined ? undefined : children(der, extensionsWrapper)[0];
  for (const extension of extensionList === undefined ? [] : children(der, extensionList)) {
    const [oid, ...rest] = children(der, extension);
    const value = rest.find((field) => field.tag === 0x04);
    if (oid?.tag === 0x06 && value !== undefined && contentOf(der, oid).equals(FABRIC_CA_ATTRIBUTES_OID_DER)) {
      const parsed: unknown = JSON.parse(contentOf(der, value).toString('utf8'));
      return attributesOf(parsed);
    }
  }
  return {};
}

interface Tlv {
  tag: number;
  contentStart: number;
  contentEnd: number;
}

function readTlv(der: Buffer, offset: number): Tlv {
  const tag = der[offset];
  let length = der[offset + 1];
  if (tag === undefined || length === undefined) {
    throw new Error('truncated certificate');
  }
  let contentStart = offset + 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    length = der.readUIntBE(contentStart, lengthBytes);
    contentStart += lengthBytes;
  }
  const contentEnd = contentStart + length;
  if (contentEnd > der.length) {
    throw new Error('truncated certificate');
  }
  return { tag, contentStart, contentEnd };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const result: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.contentEnd; ) {
    const child = readTlv(der, offset);
    result.push(child);
    offset = child.contentEnd;
  }
  return result;
}

function contentOf(der: Buffer, tlv: Tlv): Buffer {
  return der.subarray(tlv.contentStart, tlv.contentEnd);
}

function attributesOf(parsed: unknown): Record<string, string> {
  const attrs = typeof parsed === 'object' && parsed !== null ? (parsed as { attrs?: unknown }).attrs : undefined;
  if (typeof attrs !== 'object' || attrs === null) {
    return {};
  }
  return Object.fromEntries(Object.entries(attrs).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
