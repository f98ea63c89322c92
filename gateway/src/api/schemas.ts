import { DATA_CATEGORIES, PURPOSES, ROLES } from '@medledger/chaincode';
import { z } from 'zod';

/**
 * Shapes shared by the REST resources. The chaincode stays the authority on every rule (it
 * re-validates everything); these catch malformed input at the edge with a 422 and document it.
 * Categories come from the chaincode; ACCESS_ACTIONS and the ID patterns mirror chaincode/src/lib
 * (categories.ts, validation.ts), which the package does not export (a test keeps them equal).
 */
export const ACCESS_ACTIONS = ['view', 'edit'] as const;

/** Same patterns as chaincode/src/lib/validation.ts. */
export const STAKEHOLDER_ID = /^[a-z][a-z0-9-]{1,15}-[A-Za-z0-9_-]{6,64}$/;
export const OBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;

export const stakeholderId = z.string().regex(STAKEHOLDER_ID, 'must be a pseudonymous stakeholder ID such as pat-3f9a1c2e7b4d').describe('Pseudonymous stakeholder ID (e.g. pat-3f9a1c2e7b4d)');
export const objectId = z.string().regex(OBJECT_ID, "must be 3-128 letters, digits, '.', '_' or '-'");
export const instant = z.iso.datetime({ offset: false }).describe('ISO-8601 UTC instant, e.g. 2026-01-31T12:00:00Z');
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
export const role = z.enum(ROLES);
export const category = z.enum(DATA_CATEGORIES);
export const action = z.enum(ACCESS_ACTIONS);
/**
 * Purpose of use, an HL7 v3 PurposeOfUse code from the chaincode's closed list (lib/purposes.ts).
 * It is public on the ledger, so it is never free text.
 */
export const purposeOfUse = z
  .enum(PURPOSES)
  .describe(`Purpose-of-use code (HL7 v3 PurposeOfUse); public on the ledger, so a code, never free text: ${PURPOSES.join(', ')}`);
export const actions = z.array(action).min(1).max(ACCESS_ACTIONS.length);

/** Whole categories, or individual records (selective disclosure); exactly one of the two. */
export const grantScope = z
  .union([z.object({ categories: z.array(category).min(1) }).strict(), z.object({ recordIds: z.array(objectId).min(1).max(50) }).strict()])
  .meta({ id: 'GrantScope', description: 'Either {"categories": [...]} or {"recordIds": [...]}' });

export const patientIdParams = z.object({ patientId: stakeholderId });
export const stakeholderIdParams = z.object({ stakeholderId });
export const emptyBody = z.object({}).strict().optional();

/** RFC 9457 problem details as the error middleware sends them (api/errors/error-handler.ts). */
export const problemSchema = z
  .object({
    type: z.string().describe('urn:medledger:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable code from the gateway’s one error catalog (api/errors/catalog.ts); a chaincode refusal keeps the chaincode’s code'),
    detail: z.string().optional(),
    instance: z.string().describe('The request ID, for support'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('VALIDATION_FAILED: each bad field'),
    txId: z.string().optional().describe('The ledger transaction ID, when the ledger refused'),
  })
  .loose()
  .meta({ id: 'Problem' });
