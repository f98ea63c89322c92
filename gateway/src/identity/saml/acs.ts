import type { Profile } from '@node-saml/passport-saml';
import { libraryRefusal } from './library-errors';
import { refuse } from './refusal';
import { requestIdCache } from './request-id-cache';
import { checkSignedResponse, expectRoot, type CheckedAssertion } from './response-checks';
import { displayNameFromProfile, roleFromProfile } from './role-mapping';
import { DEFAULT_REQUEST_TTL_MS, samlClient } from './saml-client';
import { NS } from './saml-names';
import { decodePostBinding, singleField } from './inbound-message';
import type { SamlLogin, SamlRouterOptions } from './types';
import { parseStrictXml } from './xml-dom';

/**
 * The assertion consumer service, as a story: decode, parse strictly, let node-saml verify
 * signatures, InResponseTo, time and audience; then our own checks on what was signed; the request
 * must have been started by this browser (login-binding.ts); the role from the mapping; and finally
 * consume the assertion ID once. Any step that fails throws a SamlRefusal.
 */
export async function acceptLoginResponse(body: unknown, options: SamlRouterOptions, assertStartedByThisBrowser: (inResponseTo: string) => void): Promise<SamlLogin> {
  const encoded = singleField(body, 'SAMLResponse', 'saml-response-missing');
  const doc = parseStrictXml(decodePostBinding(encoded));
  expectRoot(doc, NS.protocol, 'Response');
  const profile = await verifyWithLibrary(encoded, options);
  const checked = checkSignedResponse(doc, {
    acsUrl: options.acsUrl,
    idpEntityId: options.idp.entityId,
    clockSkewMs: options.clockSkewMs,
    maxAssertionAgeMs: options.maxAssertionAgeMs,
    now: new Date(),
  });
  assertSameAsSigned(checked, profile, options.idp.entityId);
  assertStartedByThisBrowser(checked.inResponseTo);
  const role = roleFromProfile(profile, options.roleAttribute, options.roleMapping);
  // Last, so a response refused for any other reason does not burn its assertion ID.
  if (!(await options.replayGuard.consumeOnce(checked.assertionId, checked.replayableUntil))) refuse('assertion-replayed');
  return toLogin(checked, profile, role);
}

async function verifyWithLibrary(encoded: string, options: SamlRouterOptions): Promise<Profile> {
  const cache = requestIdCache(options.requestIds, options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS);
  const result = await samlClient(options, cache)
    .validatePostResponseAsync({ SAMLResponse: encoded })
    .catch((error: unknown) => {
      throw libraryRefusal(error);
    });
  if (result.profile === null || result.loggedOut) refuse('not-a-login-response');
  return result.profile;
}

/**
 * node-saml read the profile from the signed bytes; we read the raw DOM. They must describe the same
 * assertion, or the raw DOM holds something the signature did not cover.
 */
function assertSameAsSigned(checked: CheckedAssertion, profile: Profile, idpEntityId: string): void {
  const signedAssertion = profile.getAssertion?.() as { Assertion?: { $?: { ID?: unknown } } } | undefined;
  if (signedAssertion?.Assertion?.$?.ID !== checked.assertionId) refuse('signed-assertion-mismatch');
  if (profile.nameID !== checked.nameId) refuse('signed-name-id-mismatch');
  if (profile.issuer !== idpEntityId) refuse('signed-issuer-mismatch');
}

function toLogin(checked: CheckedAssertion, profile: Profile, role: SamlLogin['role']): SamlLogin {
  const displayName = displayNameFromProfile(profile);
  return {
    issuer: profile.issuer,
    nameId: checked.nameId,
    role,
    ...(checked.nameIdFormat === undefined ? {} : { nameIdFormat: checked.nameIdFormat }),
    ...(profile.sessionIndex === undefined ? {} : { sessionIndex: profile.sessionIndex }),
    ...(displayName === undefined ? {} : { displayName }),
    ...(checked.authnInstant === undefined ? {} : { authenticatedAt: checked.authnInstant }),
  };
}
