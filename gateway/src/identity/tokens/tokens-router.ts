import { Router, type RequestHandler } from 'express';
import { parseWith } from '../../api/validate';
import { callerOfRequest, requireAuthMethod, requireScope } from '../authenticate';
import { createTokenBody, tokenIdParams } from './token-schemas';
import type { TokenService } from './token-service';

/**
 * /me/tokens: a signed-in person makes, lists and revokes their personal access tokens. Only a
 * cookie session can make one (a token cannot mint tokens); the token is shown in this response only.
 */
export function tokensRouter(tokens: TokenService, creationLimit: RequestHandler): Router {
  const router = Router();
  router.post('/', creationLimit, requireAuthMethod('session'), (req, res) => {
    const body = parseWith(createTokenBody, req.body);
    const { principal } = callerOfRequest(req);
    const { token, summary } = tokens.create(principal, { name: body.name, scopes: body.scopes, days: body.expiresInDays });
    res.status(201).json({ ...summary, token });
  });
  router.get('/', requireScope('read'), (req, res) => {
    res.json({ items: tokens.list(callerOfRequest(req).principal.id) });
  });
  router.delete('/:tokenId', requireScope('write'), (req, res) => {
    const { tokenId } = parseWith(tokenIdParams, req.params);
    tokens.revoke(callerOfRequest(req).principal.id, tokenId);
    res.status(204).end();
  });
  return router;
}
