import { BINDING, NS } from './saml-names';
import type { SamlRouterOptions } from './types';
import { pemBody, serializeXml, xmlElement, type XmlNode } from './xml-build';

/**
 * Our SP metadata, built once: deterministic (no random ID, no timestamp), so the published document
 * only changes when the configuration does.
 */
export function buildSpMetadata(options: SamlRouterOptions): string {
  const md = (name: string, attrs?: XmlNode['attrs'], children?: XmlNode['children']) =>
    xmlElement(NS.metadata, `md:${name}`, attrs, children);
  const descriptor = md(
    'SPSSODescriptor',
    {
      protocolSupportEnumeration: NS.protocol,
      AuthnRequestsSigned: String(options.spSigning !== undefined),
      WantAssertionsSigned: 'true',
    },
    [
      options.spSigning === undefined ? undefined : signingKeyDescriptor(options.spSigning.certificatePem),
      md('SingleLogoutService', { Binding: BINDING.redirect, Location: options.sloUrl }),
      md('SingleLogoutService', { Binding: BINDING.post, Location: options.sloUrl }),
      md('AssertionConsumerService', { Binding: BINDING.post, Location: options.acsUrl, index: '0', isDefault: 'true' }),
    ],
  );
  const root = md('EntityDescriptor', { entityID: options.spEntityId }, [descriptor]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(root)}`;
}

export function signingKeyDescriptor(certificatePem: string): XmlNode {
  const ds = (name: string, children: XmlNode['children']) => xmlElement(NS.dsig, `ds:${name}`, {}, children);
  return xmlElement(NS.metadata, 'md:KeyDescriptor', { use: 'signing' }, [
    xmlElement(NS.dsig, 'ds:KeyInfo', {}, [ds('X509Data', [ds('X509Certificate', pemBody(certificatePem))])]),
  ]);
}
