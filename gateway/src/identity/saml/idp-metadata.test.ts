import { createDevIdp } from '../dev-idp/dev-idp';
import { parseIdpMetadata } from './idp-metadata';

const devIdp = createDevIdp({ baseUrl: 'https://gateway.test/dev-idp', spEntityId: 'https://gateway.test/sp', acsUrl: 'https://gateway.test/auth/saml/acs' });

describe('parseIdpMetadata', () => {
  test('when given the dev IdP metadata, then it reads entityID, SSO/SLO URLs and the signing certificate', () => {
    const parsed = parseIdpMetadata(devIdp.metadataXml);
    expect(parsed).toEqual({
      entityId: 'https://gateway.test/dev-idp/metadata',
      ssoUrl: 'https://gateway.test/dev-idp/sso',
      sloUrl: 'https://gateway.test/dev-idp/slo',
      certificatePem: [devIdp.certificatePem],
    });
  });

  test('when the IdP sits in an EntitiesDescriptor, then that one IdP is read', () => {
    const inner = devIdp.metadataXml.replace(/^<\?xml[^>]*>\s*/, '');
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${inner}</md:EntitiesDescriptor>`;
    expect(parseIdpMetadata(xml).entityId).toBe('https://gateway.test/dev-idp/metadata');
  });

  test('when the metadata carries a DOCTYPE, then it is rejected', () => {
    expect(() => parseIdpMetadata(`<!DOCTYPE x>${devIdp.metadataXml.replace(/^<\?xml[^>]*>\s*/, '')}`)).toThrow(/not acceptable XML \(doctype-present\)/);
  });

  test('when the metadata has no signing certificate, then it is rejected', () => {
    const xml = devIdp.metadataXml.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, '');
    expect(() => parseIdpMetadata(xml)).toThrow(/no signing certificate/);
  });

  test('when the metadata has no Redirect SSO endpoint, then it is rejected', () => {
    const xml = devIdp.metadataXml.replace(/<md:SingleSignOnService[^>]*\/>/, '');
    expect(() => parseIdpMetadata(xml)).toThrow(/SingleSignOnService/);
  });

  test('when the root is not an EntityDescriptor, then it is rejected', () => {
    expect(() => parseIdpMetadata('<html/>')).toThrow(/root is not an md:EntityDescriptor/);
  });
});
