import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@medledger/chaincode';
import { createDevIdp, generateSigningIdentity, type DevIdpUser } from '../../identity/dev-idp';
import { inflateFromBase64 } from '../../identity/dev-idp/redirect-binding';
import { NS } from '../../identity/saml/saml-names';
import { parseStrictXml, rootElement } from '../../identity/saml/xml-dom';

/**
 * An IdP that several gateway processes trust, as production configures one: its metadata file
 * (MEDLEDGER_SAML_IDP_METADATA_FILE) names one signing certificate for all of them. The test plays
 * the browser and this IdP: it reads the AuthnRequest a gateway redirected to, and answers it
 * with a response signed by the development IdP's response builder. The IdP is never reached
 * over HTTP, so its URL is only a name.
 */
export interface TestIdp {
  metadataFile: string;
  /** A new person of this role. Their NameID is new in every run: the ledger keeps its state between runs, and a new principal is onboarded afresh. */
  person(role: Role): DevIdpUser;
  /** The signed SAML Response (base64, as the IdP's auto-post form carries it) to the AuthnRequest in `location`, the redirect from GET /auth/saml/login. */
  answer(location: string, user: DevIdpUser): string;
}

const IDP_BASE_URL = 'http://idp.medledger.test/idp';

/** `publicUrl`: the one address the gateways are reached at (MEDLEDGER_PUBLIC_URL), which their SAML endpoints are built from. */
export function createTestIdp(publicUrl: string, directory: string): TestIdp {
  const run = randomBytes(4).toString('hex');
  let people = 0;
  const idp = createDevIdp({
    baseUrl: IDP_BASE_URL,
    spEntityId: `${publicUrl}/auth/saml/metadata`,
    acsUrl: `${publicUrl}/auth/saml/acs`,
    signingIdentity: generateSigningIdentity('MedLedger integration-test IdP'),
  });
  const metadataFile = join(directory, 'idp-metadata.xml');
  writeFileSync(metadataFile, idp.metadataXml);
  return {
    metadataFile,
    person: (role) => {
      people += 1;
      return { nameId: `${role}-${run}-${people}@idp.medledger.test`, displayName: `Test ${role} ${people}`, role };
    },
    answer: (location, user) => Buffer.from(idp.signResponse({ user, inResponseTo: authnRequestId(location) }), 'utf8').toString('base64'),
  };
}

/** The ID of the AuthnRequest a Redirect-binding URL carries (deflated, base64, in SAMLRequest). */
function authnRequestId(location: string): string {
  const encoded = new URL(location).searchParams.get('SAMLRequest');
  if (encoded === null) throw new Error(`no SAMLRequest in ${location}`);
  const request = rootElement(parseStrictXml(inflateFromBase64(encoded)));
  const id = request.getAttribute('ID');
  if (request.namespaceURI !== NS.protocol || request.localName !== 'AuthnRequest' || id === null || id === '') {
    throw new Error('the SAMLRequest is not an AuthnRequest with an ID');
  }
  return id;
}
