import { z } from 'zod';
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
