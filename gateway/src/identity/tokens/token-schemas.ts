import { z } from 'zod';
import { instant } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';
import { SCOPES } from '../scopes';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from './token-lifetime';

export const createTokenBody = z
  .object({
    name: nonBlankText(64),
    scopes: z.array(z.enum(SCOPES)).min(1),
    expiresInDays: z.int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
  })
  .strict();

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
