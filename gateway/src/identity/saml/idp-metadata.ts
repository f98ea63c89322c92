import type { Element } from '@xmldom/xmldom';
import { BINDING, NS } from './saml-names';
import { SamlRefusal } from './refusal';
import type { IdpSettings } from './types';
import { childElements, parseStrictXml, rootElement, strictText } from './xml-dom';

export interface ParsedIdpMetadata extends IdpSettings {
  /** Every signing certificate published (more than one during a key rollover). */
  certificatePem: string[];
}

/**
 * Reads what the SP needs from an IdP's metadata XML, for operators who paste or download it: the
 * entityID, the HTTP-Redirect SSO and SLO locations and the signing certificates. The document is
 * parsed as strictly as a SAML message (no DTD). It does not verify a metadata signature: operators
 * obtain metadata over an authenticated channel.
 */
export function parseIdpMetadata(xml: string): ParsedIdpMetadata {
  const entity = entityDescriptor(xml);
  const entityId = entity.getAttribute('entityID') ?? '';
  if (entityId === '') throw new Error('IdP metadata: EntityDescriptor has no entityID');
  const [idp, ...more] = childElements(entity, NS.metadata, 'IDPSSODescriptor');
  if (idp === undefined || more.length > 0) throw new Error('IdP metadata: expected exactly one IDPSSODescriptor');
  const ssoUrl = redirectLocation(idp, 'SingleSignOnService');
  if (ssoUrl === undefined) throw new Error('IdP metadata: no SingleSignOnService with the HTTP-Redirect binding');
  const certificatePem = signingCertificates(idp);
  if (certificatePem.length === 0) throw new Error('IdP metadata: no signing certificate');
  const sloUrl = redirectLocation(idp, 'SingleLogoutService');
  return { entityId, ssoUrl, ...(sloUrl === undefined ? {} : { sloUrl }), certificatePem };
}

/** An EntityDescriptor root, or an EntitiesDescriptor holding exactly one IdP. */
function entityDescriptor(xml: string): Element {
  let root: Element;
  try {
    root = rootElement(parseStrictXml(xml));
  } catch (error: unknown) {
    const reason = error instanceof SamlRefusal ? error.reason : 'unreadable';
    throw new Error(`IdP metadata is not acceptable XML (${reason})`, { cause: error });
  }
  if (root.namespaceURI === NS.metadata && root.localName === 'EntityDescriptor') return root;
  if (root.namespaceURI === NS.metadata && root.localName === 'EntitiesDescriptor') {
    const idps = childElements(root, NS.metadata, 'EntityDescriptor').filter(
      (entity) => childElements(entity, NS.metadata, 'IDPSSODescriptor').length > 0,
    );
    const [only, ...others] = idps;
    if (only !== undefined && others.length === 0) return only;
    throw new Error(`IdP metadata: expected exactly one IdP entity, found ${idps.length}`);
  }
  throw new Error('IdP metadata: root is not an md:EntityDescriptor');
}

function redirectLocation(idp: Element, service: string): string | undefined {
  const endpoint = childElements(idp, NS.metadata, service).find((element) => element.getAttribute('Binding') === BINDING.redirect);
  const location = endpoint?.getAttribute('Location') ?? '';
  return location === '' ? undefined : location;
}

/** KeyDescriptors with use="signing" or without `use` (which means both). */
function signingCertificates(idp: Element): string[] {
  return childElements(idp, NS.metadata, 'KeyDescriptor')
    .filter((descriptor) => [null, '', 'signing'].includes(descriptor.getAttribute('use')))
    .flatMap((descriptor) => childElements(descriptor, NS.dsig, 'KeyInfo'))
    .flatMap((keyInfo) => childElements(keyInfo, NS.dsig, 'X509Data'))
    .flatMap((data) => childElements(data, NS.dsig, 'X509Certificate'))
    .map((certificate) => toPem(strictText(certificate, 'metadata-certificate-not-text')));
}

function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}
