import { DOMImplementation, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

/** A tiny element tree, serialised through a real DOM so every attribute and text is escaped. */
export interface XmlNode {
  ns: string;
  /** Qualified name, e.g. 'saml:Issuer'. */
  name: string;
  attrs?: Readonly<Record<string, string | undefined>>;
  /** Text content, or child elements. */
  children?: string | readonly (XmlNode | undefined)[];
}

export function xmlElement(
  ns: string,
  name: string,
  attrs: XmlNode['attrs'] = {},
  children: XmlNode['children'] = [],
): XmlNode {
  return { ns, name, attrs, children };
}

export function serializeXml(root: XmlNode): string {
  const doc = new DOMImplementation().createDocument(root.ns, root.name, null);
  const element = doc.documentElement;
  if (element === null) throw new Error('createDocument returned no root');
  fill(doc, element, root);
  return new XMLSerializer().serializeToString(doc);
}

function fill(doc: Document, element: Element, node: XmlNode): void {
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  if (typeof node.children === 'string') {
    element.appendChild(doc.createTextNode(node.children));
    return;
  }
  for (const child of node.children ?? []) {
    if (child === undefined) continue;
    const childElement = doc.createElementNS(child.ns, child.name);
    element.appendChild(childElement);
    fill(doc, childElement, child);
  }
}

/** The base64 body of a PEM certificate, as XML-DSig X509Certificate wants it. */
export function pemBody(pem: string): string {
  return pem
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/\s+/g, '');
}
