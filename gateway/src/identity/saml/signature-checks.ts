import type { Document, Element } from '@xmldom/xmldom';
import { refuse } from './refusal';
import {
  ACCEPTED_DIGEST_METHODS,
  ACCEPTED_SIGNATURE_METHODS,
  ACCEPTED_TRANSFORMS,
  EXCLUSIVE_C14N,
  NS,
} from './saml-names';
import { childElements, onlyChild, requiredAttribute } from './xml-dom';

/**
 * node-saml verified the cryptography; this pins down the *shape* it verified, so nothing unsigned
 * can hide beside the signed content (XML signature wrapping): exactly two signatures in the whole
 * document, one enveloped in the Response and one in the Assertion, each referencing its own
 * parent by ID, with algorithms from a short allow-list (no SHA-1, no comment-preserving c14n).
 */
export function checkSignatureShape(doc: Document, response: Element, assertion: Element): void {
  const everySignature = Array.from(doc.getElementsByTagNameNS(NS.dsig, 'Signature'));
  if (everySignature.length !== 2) refuse('signature-count');
  checkEnvelopedSignature(response, 'response');
  checkEnvelopedSignature(assertion, 'assertion');
  checkUniqueIds(doc);
}

export function checkEnvelopedSignature(owner: Element, label: string): void {
  const signature = onlyChild(owner, NS.dsig, 'Signature', `${label}-signature-missing`);
  const signedInfo = onlyChild(signature, NS.dsig, 'SignedInfo', `${label}-signature-malformed`);
  const c14n = onlyChild(signedInfo, NS.dsig, 'CanonicalizationMethod', `${label}-signature-malformed`);
  if (c14n.getAttribute('Algorithm') !== EXCLUSIVE_C14N) refuse(`${label}-c14n-not-allowed`);
  const method = onlyChild(signedInfo, NS.dsig, 'SignatureMethod', `${label}-signature-malformed`);
  if (!ACCEPTED_SIGNATURE_METHODS.includes(method.getAttribute('Algorithm') ?? '')) refuse(`${label}-signature-algorithm-not-allowed`);
  checkReference(onlyChild(signedInfo, NS.dsig, 'Reference', `${label}-signature-reference-count`), owner, label);
}

function checkReference(reference: Element, owner: Element, label: string): void {
  const ownerId = requiredAttribute(owner, 'ID', `${label}-id-missing`);
  if (reference.getAttribute('URI') !== `#${ownerId}`) refuse(`${label}-signature-reference-mismatch`);
  const digest = onlyChild(reference, NS.dsig, 'DigestMethod', `${label}-signature-malformed`);
  if (!ACCEPTED_DIGEST_METHODS.includes(digest.getAttribute('Algorithm') ?? '')) refuse(`${label}-digest-algorithm-not-allowed`);
  const transforms = childElements(reference, NS.dsig, 'Transforms').flatMap((list) => childElements(list, NS.dsig, 'Transform'));
  if (transforms.some((transform) => !ACCEPTED_TRANSFORMS.includes(transform.getAttribute('Algorithm') ?? ''))) {
    refuse(`${label}-transform-not-allowed`);
  }
}

/** An ID that appears twice lets a reference resolve to a different element than the one we read. */
export function checkUniqueIds(doc: Document): void {
  const seen = new Set<string>();
  for (const element of Array.from(doc.getElementsByTagNameNS('*', '*'))) {
    for (const name of ['ID', 'Id', 'id']) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      if (seen.has(value)) refuse('duplicate-id');
      seen.add(value);
    }
  }
}
