import { z } from 'zod';
import { issuedApiKeyModel, organisationModel, apiKeySummaryModel } from '../identity/api-keys/api-key-schemas';
import { role } from '../api/schemas';
import { SCOPES } from '../identity/scopes';
import { tokenSummaryModel } from '../identity/tokens/token-schemas';
import { bodyOf, type HasBody } from './response-body';

/*
 * The bodies of the identity routes, read with the schemas their operations answer with, so a test
 * of credentials reads `createdTokenOf(response).token` instead of an unchecked `response.body.token`.
 */

/** POST /me/tokens: the token, shown once, and its summary. */
export function createdTokenOf(response: HasBody) {
  return bodyOf(response, tokenSummaryModel.extend({ token: z.string() }));
}

/** GET /me/tokens. */
export function tokensOf(response: HasBody) {
  return bodyOf(response, z.object({ items: z.array(tokenSummaryModel) })).items;
}

/** POST /admin/api-keys: the key, shown once, its summary and the organisation principal. */
export function issuedKeyOf(response: HasBody) {
  return bodyOf(response, issuedApiKeyModel.extend({ principal: organisationModel }));
}

/** POST /admin/api-keys/{keyId}/rotate: the new key and the one retiring. */
export function rotatedKeyOf(response: HasBody) {
  return bodyOf(response, issuedApiKeyModel.extend({ retiredKey: apiKeySummaryModel }));
}

/** GET /me: the principal, how it authenticated, and its stakeholder record (null before registration). */
export function meOf(response: HasBody) {
  return bodyOf(
    response,
    z.object({
      principal: z.object({ id: z.string(), kind: z.string(), role, stakeholderId: z.string(), displayName: z.string() }),
      auth: z.object({ method: z.string(), scopes: z.array(z.enum(SCOPES)) }),
      stakeholder: z.record(z.string(), z.unknown()).nullable(),
    }),
  );
}
