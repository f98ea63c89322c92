import { z } from 'zod';
import { instant } from '../../api/schemas';
import { nonBlankText } from '../../api/text-schemas';
import { ORGANISATION_ROLES } from '../principals/organisation-roles';
import { API_KEY_SCOPES, SCOPES } from '../scopes';
import { API_KEY_DEFAULT_DAYS, API_KEY_MAX_DAYS } from './api-key-lifetime';

const days = z.int().min(1).max(API_KEY_MAX_DAYS).default(API_KEY_DEFAULT_DAYS);

export const createApiKeyBody = z
  .object({
    organisation: nonBlankText(200),
    role: z.enum(ORGANISATION_ROLES),
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1),
    days,
  })
  .strict();

export const rotateApiKeyBody = z.object({ days }).strict();

export const keyIdParams = z.object({ keyId: z.string().regex(/^[a-z2-7]{16}$/, 'not an API key ID') });

export type CreateApiKeyRequest = z.infer<typeof createApiKeyBody>;

/** An API key as administrators see it (ApiKeySummary): never the key or its hash. */
export const apiKeySummaryModel = z.object({
  keyId: z.string(),
  principalId: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: instant,
  expiresAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  replacedBy: z.string().nullable(),
});

export const issuedApiKeyModel = z.object({ apiKey: z.string().describe('Shown in this response only'), key: apiKeySummaryModel });

/** The organisation a new key was issued to. */
export const organisationModel = z.object({ id: z.string(), role: z.enum(ORGANISATION_ROLES), stakeholderId: z.string(), displayName: z.string() });
