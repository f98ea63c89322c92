import type { Document, Element } from '@xmldom/xmldom';
import { refuse } from './refusal';
import { NS, STATUS, SUBJECT_CONFIRMATION_BEARER } from './saml-names';
import { checkSignatureShape } from './signature-checks';
import { childElements, descendantsByLocalName, onlyChild, requiredAttribute, rootElement, strictText } from './xml-dom';

export interface ResponseExpectations {
  acsUrl: string;
  idpEntityId: string;
  clockSkewMs: number;
  maxAssertionAgeMs: number;
  now: Date;
}

/** What the hardening read from the (already signature-checked) response. */
export interface CheckedAssertion {
  assertionId: string;
  inResponseTo: string;
  nameId: string;
  nameIdFormat?: string;
  /** Until when a replay of this assertion could still pass the time checks. */
  replayableUntil: Date;
  /** The AuthnStatement's AuthnInstant: when the IdP last authenticated the person (single sign-on may make it old). */
  authnInstant?: Date;
}

/** The message must be a SAML protocol Response; a LogoutResponse or anything else posted to the ACS is not. */
export function expectRoot(doc: Document, namespace: string, localName: string): Element {
  const root = rootElement(doc);
  if (root.namespaceURI !== namespace || root.localName !== localName) refuse('unexpected-message-type');
  return root;
}

/**
 * Checks node-saml does not make (Destination and Recipient: node-saml issues #437/#405; Issuer of
 * the Response; NotOnOrAfter presence; age), and the structure that keeps what we read identical to
 * what was signed. Runs after node-saml accepted the signatures.
 */
export function checkSignedResponse(doc: Document, expected: ResponseExpectations): CheckedAssertion {
  const response = expectRoot(doc, NS.protocol, 'Response');
  checkResponseEnvelope(response, expected);
  const assertion = checkSingleAssertion(doc, response);
  checkSignatureShape(doc, response, assertion);
  checkIssuer(assertion, expected, 'assertion-issuer-mismatch');
  const inResponseTo = requiredAttribute(response, 'InResponseTo', 'in-response-to-missing');
  const subject = checkSubject(assertion, expected, inResponseTo);
  const conditionsEnd = checkConditions(assertion);
  checkAge(assertion, expected);
  const authnInstant = checkAuthnInstant(assertion, expected);
  return {
    ...(authnInstant === undefined ? {} : { authnInstant }),
    assertionId: requiredAttribute(assertion, 'ID', 'assertion-id-missing'),
    inResponseTo,
    nameId: subject.nameId,
    ...(subject.nameIdFormat === undefined ? {} : { nameIdFormat: subject.nameIdFormat }),
    replayableUntil: new Date(Math.max(conditionsEnd.getTime(), subject.confirmationEnd.getTime()) + expected.clockSkewMs),
  };
}

function checkResponseEnvelope(response: Element, expected: ResponseExpectations): void {
  if (response.getAttribute('Version') !== '2.0') refuse('response-version');
  if (response.getAttribute('Destination') !== expected.acsUrl) refuse('destination-mismatch');
  checkIssuer(response, expected, 'response-issuer-mismatch');
  const status = onlyChild(response, NS.protocol, 'Status', 'status-missing');
  const code = onlyChild(status, NS.protocol, 'StatusCode', 'status-missing');
  if (code.getAttribute('Value') !== STATUS.success) refuse('status-not-success');
}

/** Exactly one Assertion anywhere in the document, as a direct child of Response; no encrypted ones (unsupported). */
function checkSingleAssertion(doc: Document, response: Element): Element {
  if (descendantsByLocalName(doc, 'EncryptedAssertion').length > 0) refuse('encrypted-assertion-unsupported');
  if (descendantsByLocalName(doc, 'Assertion').length !== 1) refuse('assertion-count');
  return onlyChild(response, NS.assertion, 'Assertion', 'assertion-misplaced');
}

function checkIssuer(owner: Element, expected: ResponseExpectations, reason: string): void {
  const issuer = onlyChild(owner, NS.assertion, 'Issuer', reason);
  if (strictText(issuer, reason) !== expected.idpEntityId) refuse(reason);
}

function checkSubject(assertion: Element, expected: ResponseExpectations, inResponseTo: string) {
  const subject = onlyChild(assertion, NS.assertion, 'Subject', 'subject-missing');
  const nameIdElement = onlyChild(subject, NS.assertion, 'NameID', 'name-id-missing');
  const nameId = strictText(nameIdElement, 'name-id-not-plain-text');
  if (nameId.trim() === '' || nameId !== nameId.trim() || nameId.length > 512) refuse('name-id-invalid');
  const confirmation = onlyChild(subject, NS.assertion, 'SubjectConfirmation', 'subject-confirmation-count');
  if (confirmation.getAttribute('Method') !== SUBJECT_CONFIRMATION_BEARER) refuse('subject-confirmation-not-bearer');
  const data = onlyChild(confirmation, NS.assertion, 'SubjectConfirmationData', 'subject-confirmation-data-missing');
  if (data.getAttribute('Recipient') !== expected.acsUrl) refuse('recipient-mismatch');
  if (data.getAttribute('InResponseTo') !== inResponseTo) refuse('subject-in-response-to-mismatch');
  const confirmationEnd = instant(data, 'NotOnOrAfter', 'subject-not-on-or-after-missing');
  if (expected.now.getTime() - expected.clockSkewMs >= confirmationEnd.getTime()) refuse('subject-confirmation-expired');
  const format = nameIdElement.getAttribute('Format');
  return { nameId, nameIdFormat: format ?? undefined, confirmationEnd };
}

function checkConditions(assertion: Element): Date {
  const conditions = onlyChild(assertion, NS.assertion, 'Conditions', 'conditions-count');
  if (childElements(conditions, NS.assertion, 'AudienceRestriction').length === 0) refuse('audience-restriction-missing');
  return instant(conditions, 'NotOnOrAfter', 'conditions-not-on-or-after-missing');
}

/** node-saml caps the age only through NotOnOrAfter arithmetic; this bounds IssueInstant directly, both ways. */
function checkAge(assertion: Element, expected: ResponseExpectations): void {
  const issued = instant(assertion, 'IssueInstant', 'issue-instant-missing').getTime();
  const now = expected.now.getTime();
  if (issued > now + expected.clockSkewMs) refuse('issued-in-future');
  if (now - issued > expected.maxAssertionAgeMs + expected.clockSkewMs) refuse('assertion-too-old');
}

/**
 * At most one AuthnStatement (the Web SSO profile sends one); its AuthnInstant must not lie in the
 * future, or a clock-skewed or hostile IdP would make a session look fresh for longer than it is.
 */
function checkAuthnInstant(assertion: Element, expected: ResponseExpectations): Date | undefined {
  const statements = childElements(assertion, NS.assertion, 'AuthnStatement');
  if (statements.length > 1) refuse('authn-statement-count');
  const [statement] = statements;
  if (statement === undefined) return undefined;
  const authnInstant = instant(statement, 'AuthnInstant', 'authn-instant-missing');
  if (authnInstant.getTime() > expected.now.getTime() + expected.clockSkewMs) refuse('authn-instant-in-future');
  return authnInstant;
}

const XS_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function instant(element: Element, attribute: string, reason: string): Date {
  const value = requiredAttribute(element, attribute, reason);
  const parsed = XS_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) refuse(`${reason}-unparseable`);
  return new Date(parsed);
}
