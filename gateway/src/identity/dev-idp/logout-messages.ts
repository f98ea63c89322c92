import { NS, STATUS } from '../saml/saml-names';
import { serializeXml, xmlElement } from '../saml/xml-build';
import { samlId, samlInstant } from './response-builder';

export interface LogoutResponseFacts {
  inResponseTo: string;
  destination: string;
  issuer: string;
}

export function buildLogoutResponseXml(facts: LogoutResponseFacts): string {
  return serializeXml(
    xmlElement(
      NS.protocol,
      'samlp:LogoutResponse',
      { ID: samlId(), Version: '2.0', IssueInstant: samlInstant(new Date()), Destination: facts.destination, InResponseTo: facts.inResponseTo },
      [
        xmlElement(NS.assertion, 'saml:Issuer', {}, facts.issuer),
        xmlElement(NS.protocol, 'samlp:Status', {}, [xmlElement(NS.protocol, 'samlp:StatusCode', { Value: STATUS.success })]),
      ],
    ),
  );
}

export interface LogoutRequestFacts {
  destination: string;
  issuer: string;
  nameId: string;
  nameIdFormat: string;
  sessionIndex?: string;
}

/** IdP-initiated single logout: ask the SP to end this subject's session. */
export function buildLogoutRequestXml(facts: LogoutRequestFacts): string {
  return serializeXml(
    xmlElement(NS.protocol, 'samlp:LogoutRequest', { ID: samlId(), Version: '2.0', IssueInstant: samlInstant(new Date()), Destination: facts.destination }, [
      xmlElement(NS.assertion, 'saml:Issuer', {}, facts.issuer),
      xmlElement(NS.assertion, 'saml:NameID', { Format: facts.nameIdFormat }, facts.nameId),
      facts.sessionIndex === undefined ? undefined : xmlElement(NS.protocol, 'samlp:SessionIndex', {}, facts.sessionIndex),
    ]),
  );
}
