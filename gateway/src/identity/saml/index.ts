export { createSamlRouter } from './router';
export { parseIdpMetadata, type ParsedIdpMetadata } from './idp-metadata';
export { safeReturnTo } from './relay-state';
export { ATTRIBUTE } from './saml-names';
export type {
  IdpSettings,
  LoginContext,
  ReplayGuard,
  RequestIdStore,
  SamlLogger,
  SamlLogin,
  SamlRouterOptions,
  SamlSessionSubject,
  SpSigning,
} from './types';
