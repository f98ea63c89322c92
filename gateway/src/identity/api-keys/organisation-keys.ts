import { Problem } from '../../api/errors/problems';
import type { Principal } from '../principals/principal';
import type { PrincipalService } from '../principals/principal-service';
import { scopesAllowedFor } from '../scopes';
import type { CreateApiKeyRequest } from './api-key-schemas';
import type { ApiKeyService, IssuedApiKey } from './api-key-service';

/**
 * An administrator gives an organisation an API key: the organisation's principal is created and
 * onboarded (own Fabric identity, Stakeholder:register) the first time, then the key is issued.
 * Used by POST /admin/api-keys and by the operator CLI.
 */
export async function createOrganisationKey(principals: PrincipalService, apiKeys: ApiKeyService, request: CreateApiKeyRequest): Promise<IssuedApiKey & { principal: Principal }> {
  const refused = request.scopes.filter((scope) => !scopesAllowedFor(request.role).includes(scope));
  if (refused.length > 0) {
    throw new Problem('VALIDATION_FAILED', `an organisation key may not have scope ${refused.join(', ')}`);
  }
  const principal = await principals.organisation(request.role, request.organisation);
  return { ...(await apiKeys.issue(principal, request.scopes, request.days)), principal };
}
