import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { sign } from 'node:crypto';
import { ALGORITHM } from '../saml/saml-names';
import type { SigningIdentity } from './signing-identity';

const MAX_INFLATED_BYTES = 100_000;

/** HTTP-Redirect binding: raw DEFLATE, then base64 (the URL encoding happens when the query is built). */
export function deflateToBase64(xml: string): string {
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

export function inflateFromBase64(encoded: string): string {
  return inflateRawSync(Buffer.from(encoded, 'base64'), { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
}

/**
 * A Redirect-binding URL signed as SAML bindings §3.4.4.1 says: the signature covers the exact
 * URL-encoded `field=…&RelayState=…&SigAlg=…` string, in that order.
 */
export function signedRedirectUrl(
  target: string,
  field: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  relayState: string | undefined,
  identity: SigningIdentity,
): string {
  const parts = [`${field}=${encodeURIComponent(deflateToBase64(xml))}`];
  if (relayState !== undefined && relayState !== '') parts.push(`RelayState=${encodeURIComponent(relayState)}`);
  parts.push(`SigAlg=${encodeURIComponent(ALGORITHM.rsaSha256)}`);
  const signedPart = parts.join('&');
  const signature = sign('sha256', Buffer.from(signedPart, 'utf8'), identity.privateKeyPem).toString('base64');
  const url = new URL(target);
  const separator = url.search === '' ? '?' : '&';
  return `${target}${separator}${signedPart}&Signature=${encodeURIComponent(signature)}`;
}
