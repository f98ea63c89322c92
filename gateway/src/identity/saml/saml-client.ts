import { SAML, ValidateInResponseTo, type CacheProvider, type SamlConfig } from '@node-saml/passport-saml';
import { requestIdCache } from './request-id-cache';
import type { SamlRouterOptions } from './types';

export const DEFAULT_REQUEST_TTL_MS = 5 * 60_000;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Refuses at start-up a configuration that would silently weaken validation. */
export function assertValidOptions(options: SamlRouterOptions): void {
  const problems = [...missingOptions(options), ...timingProblems(options)];
  if (idpCertificates(options).length === 0) problems.push('idp.certificatePem is required');
  if (Object.keys(options.roleMapping).length === 0) problems.push('roleMapping must map at least one value');
  if (problems.length > 0) throw new Error(`Invalid SAML configuration: ${problems.join('; ')}`);
}

function missingOptions(options: SamlRouterOptions): string[] {
  const required = [
    ['spEntityId', options.spEntityId],
    ['acsUrl', options.acsUrl],
    ['sloUrl', options.sloUrl],
    ['idp.entityId', options.idp.entityId],
    ['idp.ssoUrl', options.idp.ssoUrl],
    ['roleAttribute', options.roleAttribute],
  ] as const;
  return [
    ...required.filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([name]) => `${name} is required`),
    ...(['acsUrl', 'sloUrl'] as const).filter((name) => !URL.canParse(options[name])).map((name) => `${name} must be an absolute URL`),
  ];
}

function timingProblems({ clockSkewMs, maxAssertionAgeMs }: SamlRouterOptions): string[] {
  const problems: string[] = [];
  // node-saml treats a skew of -1 as "skip every time check", so only a small non-negative skew is allowed.
  if (!Number.isInteger(clockSkewMs) || clockSkewMs < 0 || clockSkewMs > MAX_CLOCK_SKEW_MS) {
    problems.push(`clockSkewMs must be an integer between 0 and ${MAX_CLOCK_SKEW_MS}`);
  }
  // node-saml treats 0 as "no maximum age".
  if (!Number.isInteger(maxAssertionAgeMs) || maxAssertionAgeMs <= 0) {
    problems.push('maxAssertionAgeMs must be a positive integer');
  }
  return problems;
}

export function idpCertificates(options: SamlRouterOptions): string[] {
  const pem = options.idp.certificatePem;
  return (typeof pem === 'string' ? [pem] : [...pem]).filter((cert) => cert.trim() !== '');
}

/** What one AuthnRequest asks beyond the defaults. */
export interface AuthnRequestOptions {
  /** ForceAuthn="true": the IdP must authenticate the person again, whatever session it has (step-up, identity/step-up.ts). */
  forceAuthn?: boolean;
}

/**
 * node-saml configured as strictly as it allows. A fresh instance per incoming message, because its
 * cache provider consumes request IDs for that one message (see request-id-cache.ts).
 */
export function samlClient(options: SamlRouterOptions, cache?: CacheProvider, authnRequest: AuthnRequestOptions = {}): SAML {
  const ttl = options.requestTtlMs ?? DEFAULT_REQUEST_TTL_MS;
  const config: SamlConfig = {
    issuer: options.spEntityId,
    audience: options.spEntityId,
    callbackUrl: options.acsUrl,
    entryPoint: options.idp.ssoUrl,
    logoutUrl: options.idp.sloUrl ?? options.idp.ssoUrl,
    logoutCallbackUrl: options.sloUrl,
    idpIssuer: options.idp.entityId,
    idpCert: idpCertificates(options),
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: ttl,
    cacheProvider: cache ?? requestIdCache(options.requestIds, ttl),
    acceptedClockSkewMs: options.clockSkewMs,
    maxAssertionAgeMs: options.maxAssertionAgeMs,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    // IdPs pick the authentication method (MFA, passkeys); an exact PasswordProtectedTransport demand would refuse those.
    disableRequestedAuthnContext: true,
    // Let the IdP choose its NameID format; identity is issuer + NameID whatever the format.
    identifierFormat: null,
    authnRequestBinding: 'HTTP-Redirect',
    forceAuthn: authnRequest.forceAuthn === true,
    ...(options.spSigning === undefined
      ? {}
      : { privateKey: options.spSigning.privateKeyPem, publicCert: options.spSigning.certificatePem }),
  };
  return new SAML(config);
}
