import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { issueCertificatePem, rawExtension, type NameAttribute } from './certificates';
import type { IdentitySpec, LedgerIdentity } from './types';

/** fabric-ca's attribute extension, read by the shim's ClientIdentity. */
export const FABRIC_CA_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

interface OrganizationCa {
  name: readonly NameAttribute[];
  privateKey: KeyObject;
}

/**
 * Issues client certificates the way an organization's fabric-ca would: one CA per MSP (created
 * on first use, kept only in memory), ECDSA P-256 keys, and the fabric-ca attribute extension.
 * Client identity IDs ('x509::<subject>::<issuer>') depend only on names, so they are stable
 * across ledgers and runs even though keys are new each time.
 */
export class IdentityIssuer {
  private readonly authorities = new Map<string, OrganizationCa>();

  issue(spec: IdentitySpec): LedgerIdentity {
    requireText(spec.mspId, 'mspId');
    requireText(spec.commonName, 'commonName');
    const ca = this.authorityOf(spec.mspId);
    const certificatePem = issueCertificatePem({
      subject: [
        ['O', spec.mspId],
        ['OU', 'client'],
        ['CN', spec.commonName],
      ],
      issuer: ca.name,
      subjectPublicKey: newKeyPair().publicKey,
      issuerPrivateKey: ca.privateKey,
      isAuthority: false,
      extraExtensions: [rawExtension(FABRIC_CA_ATTRIBUTES_OID, attributeExtensionValue(spec))],
    });
    return Object.freeze({ mspId: spec.mspId, commonName: spec.commonName, certificatePem });
  }

  private authorityOf(mspId: string): OrganizationCa {
    let ca = this.authorities.get(mspId);
    if (ca === undefined) {
      // nothing in a simulated channel verifies the chain, so the CA needs a name and a key only
      ca = { name: [['O', mspId], ['CN', `ca.${mspId}`]], privateKey: newKeyPair().privateKey };
      this.authorities.set(mspId, ca);
    }
    return ca;
  }
}

/**
 * fabric-ca always adds hf.EnrollmentID, hf.Type and hf.Affiliation to enrollment certificates;
 * the requested attributes come on top and may override them.
 */
function attributeExtensionValue(spec: IdentitySpec): Uint8Array {
  const attrs = { 'hf.Affiliation': '', 'hf.EnrollmentID': spec.commonName, 'hf.Type': 'client', ...spec.attributes };
  return Buffer.from(JSON.stringify({ attrs }));
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`identity ${field} must be a non-empty string`);
  }
}
