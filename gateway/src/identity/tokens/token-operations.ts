import { z } from 'zod';
import { defineOperation, NO_CONTENT, type Operation } from '../../api/operation';
import { callerOfRequest } from '../authenticate';
import { TOKEN_DEFAULT_DAYS } from './token-lifetime';
import { createTokenBody, tokenIdParams, tokenSummaryModel } from './token-schemas';
import type { TokenService } from './token-service';

const tag = 'Account';

/**
 * /me/tokens: a signed-in person makes, lists and revokes their personal access tokens. Only a
 * cookie session can make one (a token cannot mint tokens); the token is shown in this response only.
 */
export function tokenOperations(tokens: TokenService): Operation[] {
  return [
    defineOperation({
      method: 'post',
      path: '/me/tokens',
      operationId: 'createPersonalAccessToken',
      summary: 'Make a personal access token (browser session only); the token is shown in this response only',
      description:
        'A token with the consent scope is the step-up credential for the irreversible operations: only a patient can have one, only from a session signed in less than MEDLEDGER_STEP_UP_MINUTES ago (else 401 STEP_UP_REQUIRED), and it lives 15 minutes.',
      tag,
      access: { sessionOnly: true },
      rateLimit: 'credentials',
      body: createTokenBody,
      response: { status: 201, description: 'The token and its summary', schema: tokenSummaryModel.extend({ token: z.string() }) },
      async handle({ principal, body, req }) {
        const freshlyAuthenticated = callerOfRequest(req).auth.stepUp.fresh;
        const request = { name: body.name, scopes: body.scopes, days: body.expiresInDays ?? TOKEN_DEFAULT_DAYS };
        const { token, summary } = await tokens.create(principal, request, { freshlyAuthenticated });
        return { ...summary, token };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/me/tokens',
      operationId: 'listPersonalAccessTokens',
      summary: 'The caller’s personal access tokens (never the tokens themselves)',
      tag,
      access: { scope: 'read' },
      response: { status: 200, description: 'The tokens', schema: z.object({ items: z.array(tokenSummaryModel) }) },
      async handle({ principal }) {
        return { items: await tokens.list(principal.id) };
      },
    }),
    defineOperation({
      method: 'delete',
      path: '/me/tokens/{tokenId}',
      operationId: 'revokePersonalAccessToken',
      summary: 'Revoke one of the caller’s personal access tokens',
      tag,
      access: { scope: 'write' },
      params: tokenIdParams,
      response: NO_CONTENT,
      async handle({ principal, params }) {
        await tokens.revoke(principal.id, params.tokenId);
      },
    }),
  ];
}
