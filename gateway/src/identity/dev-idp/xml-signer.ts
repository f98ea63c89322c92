import { SignedXml } from 'xml-crypto';
import { ALGORITHM, ENVELOPED_SIGNATURE, EXCLUSIVE_C14N } from '../saml/saml-names';
import type { SigningIdentity } from './signing-identity';

export type DevSignatureAlgorithm = 'sha256' | 'sha1';

const ALGORITHMS: Record<DevSignatureAlgorithm, { signature: string; digest: string }> = {
  sha256: { signature: ALGORITHM.rsaSha256, digest: ALGORITHM.sha256 },
  // Only so tests can prove the SP refuses SHA-1.
  sha1: { signature: ALGORITHM.rsaSha1, digest: ALGORITHM.sha1 },
};

export interface EnvelopedSignatureSpec {
  /** XPath of the element to sign (it must carry an ID attribute). */
  element: string;
  /** XPath of the child after which ds:Signature goes (SAML wants it right after Issuer). */
  after: string;
  identity: SigningIdentity;
  algorithm?: DevSignatureAlgorithm;
}

/** An enveloped XML-DSig signature: exclusive c14n, RSA-SHA256, the certificate in KeyInfo. */
export function signEnveloped(xml: string, spec: EnvelopedSignatureSpec): string {
  const algorithms = ALGORITHMS[spec.algorithm ?? 'sha256'];
  const signer = new SignedXml({
    privateKey: spec.identity.privateKeyPem,
    publicCert: spec.identity.certificatePem,
    signatureAlgorithm: algorithms.signature,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  signer.addReference({ xpath: spec.element, transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N], digestAlgorithm: algorithms.digest });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: spec.after, action: 'after' } });
  return signer.getSignedXml();
}

export const RESPONSE_XPATH = "/*[local-name(.)='Response']";
export const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
export const issuerOf = (elementXPath: string): string => `${elementXPath}/*[local-name(.)='Issuer']`;
