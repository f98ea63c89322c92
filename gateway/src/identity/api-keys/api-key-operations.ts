import { z } from 'zod';
import { defineOperation, NO_CONTENT, type Operation } from '../../api/operation';
import type { OrganisationRole } from '../principals/organisation-roles';
import type { PrincipalService } from '../principals/principal-service';
import { API_KEY_DEFAULT_DAYS } from './api-key-lifetime';
import { apiKeySummaryModel, createApiKeyBody, issuedApiKeyModel, keyIdParams, organisationModel, rotateApiKeyBody } from './api-key-schemas';
import type { ApiKeyService } from './api-key-service';
import { createOrganisationKey } from './organisation-keys';

const tag = 'Administration';
const access = { role: 'admin', scope: 'admin' } as const;
const callers = 'admin';

/** /admin/api-keys: administrators issue, list, rotate and revoke organisations' API keys. */
export function apiKeyOperations(principals: PrincipalService, apiKeys: ApiKeyService): Operation[] {
  return [
    defineOperation({
      method: 'post',
      path: '/admin/api-keys',
      operationId: 'createOrganisationApiKey',
      summary: 'Onboard an organisation and issue its API key',
      tag,
      access,
      callers,
      rateLimit: 'credentials',
      body: createApiKeyBody,
      response: { status: 201, description: 'The key and the organisation principal', schema: issuedApiKeyModel.extend({ principal: organisationModel }) },
      async handle({ body }) {
        const issued = await createOrganisationKey(principals, apiKeys, body);
        const { id, role, stakeholderId, displayName } = issued.principal;
        // principals.organisation made it with the requested organisation role
        return { apiKey: issued.apiKey, key: issued.summary, principal: { id, role: role as OrganisationRole, stakeholderId, displayName } };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/admin/api-keys',
      operationId: 'listOrganisationApiKeys',
      summary: 'Every organisation API key (never the keys themselves)',
      tag,
      access,
      callers,
      response: { status: 200, description: 'The keys', schema: z.object({ items: z.array(apiKeySummaryModel) }) },
      async handle() {
        return { items: await apiKeys.list() };
      },
    }),
    defineOperation({
      method: 'post',
      path: '/admin/api-keys/{keyId}/rotate',
      operationId: 'rotateOrganisationApiKey',
      summary: 'Issue a successor key; the old one keeps working for the rotation overlap',
      tag,
      access,
      callers,
      rateLimit: 'credentials',
      params: keyIdParams,
      body: rotateApiKeyBody.optional(),
      response: { status: 201, description: 'The new key and the retiring one', schema: issuedApiKeyModel.extend({ retiredKey: apiKeySummaryModel }) },
      async handle({ params, body }) {
        const rotated = await apiKeys.rotate(params.keyId, body?.days ?? API_KEY_DEFAULT_DAYS);
        return { apiKey: rotated.apiKey, key: rotated.summary, retiredKey: rotated.retiredKey };
      },
    }),
    defineOperation({
      method: 'delete',
      path: '/admin/api-keys/{keyId}',
      operationId: 'revokeOrganisationApiKey',
      summary: 'Revoke an organisation API key at once',
      tag,
      access,
      callers,
      params: keyIdParams,
      response: NO_CONTENT,
      async handle({ params }) {
        await apiKeys.revoke(params.keyId);
      },
    }),
  ];
}
