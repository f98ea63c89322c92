import { DOMParser, onWarningStopParsing, type Document, type Element, type Node } from '@xmldom/xmldom';
import { refuse, SamlRefusal } from './refusal';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const PROCESSING_INSTRUCTION_NODE = 7;

/**
 * Parses untrusted XML as strictly as xmldom allows: any warning stops parsing, a DTD is refused
 * before the parser sees it (no entity expansion, no external fetch), and the document must have
 * exactly one root element. SAML never needs a DTD.
 */
export function parseStrictXml(xml: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) refuse('doctype-present');
  let doc: Document;
  try {
    doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  } catch (error: unknown) {
    throw new SamlRefusal('malformed-xml', { cause: error });
  }
  if (doc.doctype !== null) refuse('doctype-present');
  assertSingleRoot(doc);
  return doc;
}

/** One element at top level; only the XML declaration and whitespace may sit beside it. */
function assertSingleRoot(doc: Document): void {
  const topLevel = Array.from(doc.childNodes);
  const elements = topLevel.filter((node) => node.nodeType === ELEMENT_NODE);
  const others = topLevel.filter((node) => node.nodeType !== ELEMENT_NODE && !isXmlDeclaration(node) && !isWhitespace(node));
  if (elements.length !== 1 || others.length > 0) refuse('not-single-root');
}

function isWhitespace(node: Node): boolean {
  return node.nodeType === TEXT_NODE && (node.nodeValue ?? '').trim() === '';
}

function isXmlDeclaration(node: Node): boolean {
  return node.nodeType === PROCESSING_INSTRUCTION_NODE && node.nodeName.toLowerCase() === 'xml';
}

export function rootElement(doc: Document): Element {
  const root = doc.documentElement;
  if (root === null) return refuse('not-single-root');
  return root;
}

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => isElement(node) && node.namespaceURI === namespace && node.localName === localName,
  );
}

/** The one child with this name; zero or several is a refusal with the given reason. */
export function onlyChild(parent: Element, namespace: string, localName: string, reason: string): Element {
  const found = childElements(parent, namespace, localName);
  const [first] = found;
  if (found.length !== 1 || first === undefined) return refuse(reason);
  return first;
}

/** Every element with this local name, in any namespace and at any depth (for counting). */
export function descendantsByLocalName(doc: Document, localName: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS('*', localName));
}

/**
 * Text of an element that must contain text only. Comments and processing instructions are refused:
 * canonicalization drops comments, so `admin@evil.com<!---->.example` keeps a valid signature
 * while naive readers see only the first text node.
 */
export function strictText(element: Element, reason: string): string {
  const children = Array.from(element.childNodes);
  if (children.some((node) => node.nodeType !== TEXT_NODE)) refuse(reason);
  return children.map((node) => node.nodeValue ?? '').join('');
}

export function requiredAttribute(element: Element, name: string, reason: string): string {
  const value = element.getAttribute(name);
  if (value === null || value === '') return refuse(reason);
  return value;
}

export function allElements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagNameNS('*', '*'));
}
