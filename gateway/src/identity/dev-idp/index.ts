export { createDevIdp, type DevIdp, type DevIdpOptions, type SignResponseOptions } from './dev-idp';
export { assertDevIdpAllowed } from './guard';
export { DEMO_USERS, DEV_IDP_ROLE_MAPPING, type DevIdpUser } from './demo-users';
export { generateSigningIdentity, type SigningIdentity } from './signing-identity';
