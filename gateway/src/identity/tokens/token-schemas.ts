import { z } from 'zod';
import { instant } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';
import { SCOPES } from '../scopes';
import { CONSENT_TOKEN_LIFETIME_MS } from '../step-up';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from './token-lifetime';

const consentMinutes = CONSENT_TOKEN_LIFETIME_MS / 60_000;

export const createTokenBody = z
  .object({
    name: nonBlankText(64),
    scopes: z.array(z.enum(SCOPES)).min(1).describe(`With consent (step-up, patients only, from a session signed in less than MEDLEDGER_STEP_UP_MINUTES ago): the token lives ${consentMinutes} minutes`),
    expiresInDays: z
      .int()
      .min(1)
      .max(TOKEN_MAX_DAYS)
      .optional()
      .describe(`Default ${TOKEN_DEFAULT_DAYS}; not with the consent scope, whose token always lives ${consentMinutes} minutes`),
  })
  .strict()
  .refine((body) => !(body.scopes.includes('consent') && body.expiresInDays !== undefined), {
    path: ['expiresInDays'],
    message: `a token with the consent scope always lives ${consentMinutes} minutes: leave out expiresInDays`,
  });

export const tokenIdParams = z.object({ tokenId: z.string().regex(/^pat_[a-z2-7]{16}$/, 'not a token ID') });

/** A token as its owner sees it (TokenService's TokenSummary): never the token or its hash. */
export const tokenSummaryModel = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: instant,
  expiresAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
});
