import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Operation } from '../api/operation';
import { samlOperations } from '../identity/saml/router';
import { parseIdpMetadata } from '../identity/saml/idp-metadata';
import type { IdpSettings, SpSigning } from '../identity/saml/types';
import type { SessionCookieSettings } from '../identity/sessions/session-cookie';
import { samlSessionHooks } from '../identity/sessions/saml-session-hooks';
import type { Config } from '../config';
import { createDevIdp } from '../identity/dev-idp/dev-idp';
import { assertDevIdpAllowed } from '../identity/dev-idp/guard';
import type { SigningIdentity } from '../identity/dev-idp/signing-identity';
import type { GatewayServices } from './services';

export const SAML_MOUNT = '/auth/saml';
export const DEV_IDP_MOUNT = '/dev-idp';

/** The operations of signing in: the SAML service provider, and in development the built-in IdP. */
export type SsoOperations = readonly Operation[];

/** Builds the sign-in operations from configuration; undefined when no IdP is configured (API keys only). */
export function buildSso(config: Readonly<Config>, services: GatewayServices, logger: Logger, cookie: SessionCookieSettings, devIdpIdentity?: SigningIdentity): SsoOperations | undefined {
  const { saml } = config;
  if (saml.idp.kind === 'none') {
    logger.warn('no IdP configured (MEDLEDGER_SAML_IDP_METADATA_FILE): people cannot sign in, only API keys work');
    return undefined;
  }
  const base = config.http.publicUrl;
  const endpoints = { spEntityId: saml.spEntityId, acsUrl: `${base}${SAML_MOUNT}/acs`, sloUrl: `${base}${SAML_MOUNT}/logout` };
  const { settings: idp, operations: devIdp = [] } = identityProvider(config, endpoints, devIdpIdentity);
  const spSigning = spSigningOf(config);
  const hooks = samlSessionHooks({ principals: services.principals, principalRecords: services.store.principals, sessions: services.sessions, cookie, idpEntityId: idp.entityId, defaultReturnTo: '/' });
  const serviceProvider = samlOperations(
    {
      ...endpoints,
      idp,
      ...(spSigning === undefined ? {} : { spSigning }),
      roleAttribute: saml.roleAttribute,
      roleMapping: saml.roleMapping,
      clockSkewMs: saml.clockSkewMs,
      maxAssertionAgeMs: saml.maxAssertionAgeMs,
      replayGuard: services.store.samlReplay,
      requestIds: services.store.samlRequests,
      loginBindingKey: services.samlLoginBindingKey,
      logger,
      ...hooks,
    },
    SAML_MOUNT,
  );
  return [...serviceProvider, ...devIdp];
}

/** The configured IdP from its metadata file, or the development IdP (which also has operations). */
function identityProvider(config: Readonly<Config>, endpoints: { spEntityId: string; acsUrl: string; sloUrl: string }, devIdpIdentity?: SigningIdentity): { settings: IdpSettings; operations?: Operation[] } {
  const source = config.saml.idp;
  if (source.kind === 'metadata') {
    return { settings: parseIdpMetadata(readFileSync(source.file, 'utf8')) };
  }
  return developmentIdp(config, endpoints, devIdpIdentity);
}

/** The development IdP; a new signing key per process unless gateways in one test process are to trust one IdP (`signingIdentity`). */
function developmentIdp(config: Readonly<Config>, endpoints: { spEntityId: string; acsUrl: string; sloUrl: string }, signingIdentity?: SigningIdentity): { settings: IdpSettings; operations: Operation[] } {
  assertDevIdpAllowed(config.mode);
  const idp = createDevIdp({
    baseUrl: `${config.http.publicUrl}${DEV_IDP_MOUNT}`,
    spEntityId: endpoints.spEntityId,
    acsUrl: endpoints.acsUrl,
    spSloUrl: endpoints.sloUrl,
    roleAttribute: config.saml.roleAttribute,
    ...(signingIdentity === undefined ? {} : { signingIdentity }),
  });
  return { settings: { entityId: idp.entityId, ssoUrl: idp.ssoUrl, sloUrl: idp.sloUrl, certificatePem: idp.certificatePem }, operations: idp.operationsAt(DEV_IDP_MOUNT) };
}

function spSigningOf(config: Readonly<Config>): SpSigning | undefined {
  const files = config.saml.spSigning;
  return files === undefined ? undefined : { privateKeyPem: readFileSync(files.keyFile, 'utf8'), certificatePem: readFileSync(files.certFile, 'utf8') };
}
