import * as contract from '@medledger/chaincode/client';
import { z } from 'zod';

/**
 * Shapes shared by the REST resources, all from the chaincode's contract surface: the gateway adds
 * only OpenAPI names and descriptions. The chaincode stays the authority on every rule (it
 * re-validates everything); these catch malformed input at the edge with a 422 and document it.
 */
export const stakeholderId = contract.stakeholderId.describe('Pseudonymous stakeholder ID (e.g. pat-3f9a1c2e7b4d)');
export const { objectId, instant, role } = contract;
export const sha256 = contract.sha256Hex;
export const category = contract.dataCategory;
export const action = contract.accessAction;
export const actions = contract.accessActions;
/** Public on the ledger, so a code from the chaincode's closed list, never free text. */
export const purposeOfUse = contract.purposeOfUse.describe(
  `Purpose-of-use code (HL7 v3 PurposeOfUse); public on the ledger, so a code, never free text: ${contract.PURPOSES.join(', ')}`,
);

/**
 * `?purpose=`: the purpose of use a reader states for this read of patient data. The gateway passes
 * it to the chaincode in the transient field PURPOSE_TRANSIENT_KEY; the chaincode judges the grant
 * against it and writes it into the access-log entry. Without it, the caller's role states its
 * default (DEFAULT_PURPOSE_BY_ROLE).
 */
export const purposeQuery = z.object({
  purpose: contract.purposeOfUse
    .optional()
    .describe(
      `Purpose of use of this read (HL7 v3 PurposeOfUse: ${contract.PURPOSES.join(', ')}). Default by role: ${Object.entries(contract.DEFAULT_PURPOSE_BY_ROLE)
        .map(([role, purpose]) => `${role} ${purpose}`)
        .join(', ')}.`,
    ),
});

/** Whole categories, or individual records (selective disclosure); exactly one of the two. */
export const grantScope = contract.grantScope.meta({ id: 'GrantScope', description: 'Either {"categories": [...]} or {"recordIds": [...]}' });

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
    stepUp: z
      .object({
        maxAgeSeconds: z.number().int().describe('How recent the authentication must be'),
        login: z.string().describe('Sign in again here (ForceAuthn), then call from that session'),
        token: z.object({ method: z.string(), path: z.string(), body: z.unknown(), lifetimeSeconds: z.number().int() }).describe('Or make a consent token from that session'),
      })
      .optional()
      .describe('STEP_UP_REQUIRED: how to step up'),
  })
  .loose()
  .meta({ id: 'Problem' });
