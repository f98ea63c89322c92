import type { Element } from '@xmldom/xmldom';
import { NS } from '../saml-names';
import { clone, dsObject, evilAssertion, firstChild, insertAfter, tamper, withoutSignature } from './xml-tamper';

/**
 * The signature-wrapping attacks: the ACS must refuse each (acs-attacks.test.ts), and so must our
 * own hardening with node-saml out of the way (response-checks.test.ts).
 */
export interface SignatureWrapping {
  name: string;
  /** Rewrites a genuinely signed response so that the signature still verifies over the original. */
  wrap(xml: string): string;
}

/** XSW1 and XSW2: the response becomes an evil one (a new ID, an evil assertion); returns the signed original, to be hidden. */
function turnEvil(response: Element, assertion: Element): Element {
  const original = clone(response);
  response.setAttribute('ID', '_evil-response');
  response.replaceChild(evilAssertion(assertion), assertion);
  return original;
}

/** XML signature wrapping (Somorovsky et al., "On Breaking SAML"), built from a genuinely signed response. */
export const WRAPPING: readonly SignatureWrapping[] = [
  {
    name: 'XSW1: evil response; the signed original hidden inside its Signature',
    wrap: (xml) =>
      tamper(xml, (_doc, { response, assertion, responseSignature }) => {
        responseSignature.appendChild(turnEvil(response, assertion));
      }),
  },
  {
    name: 'XSW2: evil response; the signed original as a sibling before its Signature',
    wrap: (xml) =>
      tamper(xml, (_doc, { response, assertion, responseSignature }) => {
        response.insertBefore(turnEvil(response, assertion), responseSignature);
      }),
  },
  {
    name: 'XSW3: evil assertion with the same ID before the signed one',
    wrap: (xml) => tamper(xml, (_doc, { response, assertion }) => response.insertBefore(evilAssertion(assertion, { keepId: true }), assertion)),
  },
  {
    name: 'XSW3b: evil assertion with the same ID after the signed one',
    wrap: (xml) =>
      tamper(xml, (_doc, { assertion }) => {
        insertAfter(assertion, evilAssertion(assertion, { keepId: true }));
      }),
  },
  {
    name: 'XSW4: evil assertion wrapping the signed one',
    wrap: (xml) =>
      tamper(xml, (_doc, { response, assertion }) => {
        const evil = evilAssertion(assertion);
        evil.appendChild(clone(assertion));
        response.replaceChild(evil, assertion);
      }),
  },
  {
    name: 'XSW5: evil assertion carrying the signature; the original appended to the response',
    wrap: (xml) =>
      tamper(xml, (_doc, { response, assertion }) => {
        response.replaceChild(evilAssertion(assertion, { keepSignature: true }), assertion);
        response.appendChild(withoutSignature(assertion));
      }),
  },
  {
    name: 'XSW6: evil assertion carrying the signature; the original inside that Signature',
    wrap: (xml) =>
      tamper(xml, (_doc, { response, assertion }) => {
        const evil = evilAssertion(assertion, { keepSignature: true });
        firstChild(evil, NS.dsig, 'Signature')?.appendChild(withoutSignature(assertion));
        response.replaceChild(evil, assertion);
      }),
  },
  {
    name: 'XSW7: the signed assertion moved into samlp:Extensions, evil assertion in its place',
    wrap: (xml) =>
      tamper(xml, (doc, { response, assertion }) => {
        const extensions = doc.createElementNS(NS.protocol, 'samlp:Extensions');
        extensions.appendChild(clone(assertion));
        response.insertBefore(extensions, firstChild(response, NS.protocol, 'Status') ?? null);
        response.replaceChild(evilAssertion(assertion), assertion);
      }),
  },
  {
    name: 'XSW8: evil assertion carrying the signature; the original in a ds:Object inside it',
    wrap: (xml) =>
      tamper(xml, (doc, { response, assertion }) => {
        const evil = evilAssertion(assertion, { keepSignature: true });
        firstChild(evil, NS.dsig, 'Signature')?.appendChild(dsObject(doc, withoutSignature(assertion)));
        response.replaceChild(evil, assertion);
      }),
  },
];
