import { z } from 'zod';
import { stakeholderModel } from '../../api/models';
import { defineOperation, NO_CONTENT, type Operation } from '../../api/operation';
import { role } from '../../api/schemas';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import { callerOfRequest } from '../authenticate';
import type { PrincipalService } from '../principals/principal-service';
import { SCOPES } from '../scopes';
import { clearSessionCookie, type SessionCookieSettings } from '../sessions/session-cookie';
import { stakeholderRecordOf } from './stakeholder-record';

const tag = 'Account';

const meModel = z.object({
  principal: z.object({ id: z.string(), kind: z.enum(['person', 'organisation']), role, stakeholderId: z.string(), displayName: z.string() }),
  auth: z.object({ method: z.enum(['api-key', 'token', 'session']), scopes: z.array(z.enum(SCOPES)) }),
  stakeholder: stakeholderModel.nullable().describe('null before registration on chain'),
});

/** GET /me: who the caller is, how they authenticated, and their stakeholder record on chain. DELETE /me: remove the account. */
export function meOperations(ledger: LedgerCalls, principals: PrincipalService, cookie: SessionCookieSettings): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/me',
      operationId: 'getMe',
      summary: 'Who the caller is, how they authenticated, and their stakeholder record on chain',
      tag,
      access: { scope: 'read' },
      response: { status: 200, description: 'The caller', schema: meModel },
      async handle({ req, principal }) {
        const { id, kind, role: principalRole, stakeholderId, displayName } = principal;
        const { method, scopes } = callerOfRequest(req).auth;
        return {
          principal: { id, kind, role: principalRole, stakeholderId, displayName },
          auth: { method, scopes },
          stakeholder: await stakeholderRecordOf(ledger, principal),
        };
      },
    }),
    defineOperation({
      method: 'delete',
      path: '/me',
      operationId: 'deleteMe',
      summary: 'Remove the signed-in person’s account (browser session only)',
      tag,
      access: { sessionOnly: true, stepUp: true },
      response: NO_CONTENT,
      async handle({ principal, res }) {
        await principals.disable(principal.id);
        clearSessionCookie(res, cookie);
      },
    }),
  ];
}
