import { Router } from 'express';
import { callerOfRequest, requireAuthMethod, requireScope } from '../authenticate';
import { clearSessionCookie, type SessionCookieSettings } from '../sessions/session-cookie';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import type { PrincipalService } from '../principals/principal-service';
import { stakeholderRecordOf } from './stakeholder-record';

/** GET /me: who the caller is, how they authenticated, and their stakeholder record on chain. DELETE /me: remove the account. */
export function meRouter(ledger: LedgerCalls, principals: PrincipalService, cookie: SessionCookieSettings): Router {
  const router = Router();
  router.get('/', requireScope('read'), async (req, res) => {
    const { principal, auth } = callerOfRequest(req);
    const { id, kind, role, stakeholderId, displayName } = principal;
    res.json({
      principal: { id, kind, role, stakeholderId, displayName },
      auth: { method: auth.method, scopes: auth.scopes },
      stakeholder: await stakeholderRecordOf(ledger, principal),
    });
  });
  router.delete('/', requireAuthMethod('session'), async (req, res) => {
    await principals.disable(callerOfRequest(req).principal.id);
    clearSessionCookie(res, cookie);
    res.status(204).end();
  });
  return router;
}
