import { randomBytes } from 'node:crypto';
import {
  ATTRIBUTE_NAME_FORMAT_URI,
  AUTHN_CONTEXT_PASSWORD_PROTECTED,
  NS,
  STATUS,
  SUBJECT_CONFIRMATION_BEARER,
} from '../saml/saml-names';
import { serializeXml, xmlElement, type XmlNode } from '../saml/xml-build';

/** Everything that goes into one SAML Response; the dev IdP fills defaults, tests override. */
export interface ResponseFacts {
  responseId: string;
  assertionId: string;
  responseIssuer: string;
  assertionIssuer: string;
  destination: string;
  recipient: string;
  audience: string;
  inResponseTo?: string;
  nameId: string;
  nameIdFormat: string;
  sessionIndex: string;
  issueInstant: Date;
  /** When the IdP authenticated the person; the issue instant unless told (an IdP's single sign-on keeps an older one). */
  authnInstant?: Date;
  notBefore: Date;
  notOnOrAfter: Date;
  attributes: Readonly<Record<string, readonly string[]>>;
}

/** SAML IDs must be NCNames: a letter or underscore first. */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

/** xs:dateTime in UTC, without milliseconds, as most IdPs write it. */
export function samlInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const saml = (name: string, attrs?: XmlNode['attrs'], children?: XmlNode['children']) => xmlElement(NS.assertion, `saml:${name}`, attrs, children);
const samlp = (name: string, attrs?: XmlNode['attrs'], children?: XmlNode['children']) => xmlElement(NS.protocol, `samlp:${name}`, attrs, children);

/** An unsigned Response with one Assertion, in schema order (Issuer first, so signatures can follow it). */
export function buildResponseXml(facts: ResponseFacts): string {
  return serializeXml(
    samlp(
      'Response',
      {
        ID: facts.responseId,
        Version: '2.0',
        IssueInstant: samlInstant(facts.issueInstant),
        Destination: facts.destination,
        InResponseTo: facts.inResponseTo,
      },
      [saml('Issuer', {}, facts.responseIssuer), samlp('Status', {}, [samlp('StatusCode', { Value: STATUS.success })]), assertion(facts)],
    ),
  );
}

function assertion(facts: ResponseFacts): XmlNode {
  return saml('Assertion', { ID: facts.assertionId, Version: '2.0', IssueInstant: samlInstant(facts.issueInstant) }, [
    saml('Issuer', {}, facts.assertionIssuer),
    subject(facts),
    saml('Conditions', { NotBefore: samlInstant(facts.notBefore), NotOnOrAfter: samlInstant(facts.notOnOrAfter) }, [
      saml('AudienceRestriction', {}, [saml('Audience', {}, facts.audience)]),
    ]),
    saml('AuthnStatement', { AuthnInstant: samlInstant(facts.authnInstant ?? facts.issueInstant), SessionIndex: facts.sessionIndex }, [
      saml('AuthnContext', {}, [saml('AuthnContextClassRef', {}, AUTHN_CONTEXT_PASSWORD_PROTECTED)]),
    ]),
    attributeStatement(facts.attributes),
  ]);
}

function subject(facts: ResponseFacts): XmlNode {
  return saml('Subject', {}, [
    saml('NameID', { Format: facts.nameIdFormat }, facts.nameId),
    saml('SubjectConfirmation', { Method: SUBJECT_CONFIRMATION_BEARER }, [
      saml('SubjectConfirmationData', {
        InResponseTo: facts.inResponseTo,
        NotOnOrAfter: samlInstant(facts.notOnOrAfter),
        Recipient: facts.recipient,
      }),
    ]),
  ]);
}

function attributeStatement(attributes: ResponseFacts['attributes']): XmlNode | undefined {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return undefined;
  return saml(
    'AttributeStatement',
    {},
    entries.map(([name, values]) =>
      saml('Attribute', { Name: name, NameFormat: ATTRIBUTE_NAME_FORMAT_URI }, values.map((value) => saml('AttributeValue', {}, value))),
    ),
  );
}
