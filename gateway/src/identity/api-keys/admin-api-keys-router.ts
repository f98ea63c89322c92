import { Router, type RequestHandler } from 'express';
import { parseWith } from '../../api/validate';
import type { PrincipalService } from '../principals/principal-service';
import { requireRole, requireScope } from '../authenticate';
import { createApiKeyBody, keyIdParams, rotateApiKeyBody } from './api-key-schemas';
import type { ApiKeyService } from './api-key-service';
import { createOrganisationKey } from './organisation-keys';

/** /admin/api-keys: administrators issue, list, rotate and revoke organisations' API keys. */
export function adminApiKeysRouter(principals: PrincipalService, apiKeys: ApiKeyService, creationLimit: RequestHandler): Router {
  const router = Router();
  router.use(requireRole('admin'), requireScope('admin'));
  router.post('/', creationLimit, async (req, res) => {
    const issued = await createOrganisationKey(principals, apiKeys, parseWith(createApiKeyBody, req.body));
    const { id, role, stakeholderId, displayName } = issued.principal;
    res.status(201).json({ apiKey: issued.apiKey, key: issued.summary, principal: { id, role, stakeholderId, displayName } });
  });
  router.get('/', (_req, res) => {
    res.json({ items: apiKeys.list() });
  });
  router.post('/:keyId/rotate', creationLimit, (req, res) => {
    const { keyId } = parseWith(keyIdParams, req.params);
    const rotated = apiKeys.rotate(keyId, parseWith(rotateApiKeyBody, req.body ?? {}).days);
    res.status(201).json({ apiKey: rotated.apiKey, key: rotated.summary, retiredKey: rotated.retiredKey });
  });
  router.delete('/:keyId', (req, res) => {
    apiKeys.revoke(parseWith(keyIdParams, req.params).keyId);
    res.status(204).end();
  });
  return router;
}
