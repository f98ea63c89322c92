import { z } from 'zod';
import { accessAction, accessBasis, dataCategory } from './categories';
import { instant, utcDay } from './formats';
import { objectId, resourceType, stakeholderId, txId } from './identifiers';
import { count, pageOf } from './pages';
import { purposeOfUse } from './purposes';
import { role } from './roles';

/**
 * Why the access decision let a caller in, the grant, delegation or break-glass it relied on, and
 * the purpose of use the access stated (which a grant's purpose had to match).
 */
export const accessDecision = z.object({
  basis: accessBasis,
  purpose: purposeOfUse,
  grantId: objectId.optional(),
  delegationId: objectId.optional(),
  breakGlassId: objectId.optional(),
});
export type AccessDecision = z.infer<typeof accessDecision>;

/** Whether the access decision let the caller in. */
export const ACCESS_OUTCOMES = ['allowed', 'refused'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];
export const accessOutcome = z.enum(ACCESS_OUTCOMES);

/**
 * The codes a refused access is recorded with: the access decision's refusal (a purpose the grant
 * does not cover is CONSENT_REQUIRED too). A closed list, so a log entry never carries free text.
 */
export const ACCESS_REFUSAL_CODES = ['CONSENT_REQUIRED'] as const;
export const accessRefusalCode = z.enum(ACCESS_REFUSAL_CODES);
export type AccessRefusalCode = z.infer<typeof accessRefusalCode>;

/**
 * The refusal in a day from one accessor to one patient's data at which the patient is told
 * (AccessLog:recordRefusal's event says so once, at exactly this count, so a burst notifies once).
 */
export const REFUSALS_BEFORE_NOTICE = 3;
/** What AccessLog:recordRefusal's event carries under `patientAlert` when the day's count reaches REFUSALS_BEFORE_NOTICE. */
export const REPEATED_REFUSALS_ALERT = 'repeated-refusals';

/**
 * One read (or edit) of a patient's protected data, or one refused attempt, written by the
 * transaction that performed it (a refusal by AccessLog:recordRefusal, since a refused transaction
 * does not commit). It names the data by category and object ID only, never its content.
 * `basis` is there when the access was allowed; `outcome` and `purpose` are absent on entries
 * written before they were recorded (those were all allowed, under the role's default purpose).
 */
export const accessLogEntry = accessDecision.extend({
  basis: accessBasis.optional(),
  outcome: accessOutcome.optional(),
  refusalCode: accessRefusalCode.optional(),
  purpose: purposeOfUse.optional(),
  id: objectId,
  patientId: stakeholderId,
  accessorId: stakeholderId,
  accessorRole: role,
  action: accessAction,
  category: dataCategory,
  recordId: objectId.optional(),
  resourceType,
  resourceId: objectId,
  at: instant,
  txId,
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
export const accessLogPage = pageOf(accessLogEntry);

/**
 * A filter on one patient's access log (AccessLog:queryMine, queryForPatient): every field
 * optional, all given ones must hold; `from` and `to` bound the entry's time, both inclusive.
 */
export const accessLogFilter = z
  .object({
    accessorId: stakeholderId.optional(),
    category: dataCategory.optional(),
    outcome: accessOutcome.optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict()
  .refine((filter) => filter.from === undefined || filter.to === undefined || Date.parse(filter.from) <= Date.parse(filter.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AccessLogFilter = z.infer<typeof accessLogFilter>;

/**
 * The access a CONSENT_REQUIRED refusal refused, as the refusal's message carries it: the client
 * records the refusal with AccessLog:recordRefusal (a refused transaction commits nothing) and
 * needs the query the chaincode resolved (a file download names the file; the decision knows the
 * patient and category). The gateway strips the tag before it shows the message.
 */
export const refusedAccess = z
  .object({ patientId: stakeholderId, action: accessAction, category: dataCategory, recordId: objectId.optional() })
  .strict();
export type RefusedAccess = z.infer<typeof refusedAccess>;

const REFUSED_ACCESS_TAG = / \[refused-access (\{[^[\]]*\})\]/;

/** The tag a CONSENT_REQUIRED message ends with: ' [refused-access {"action":...}]' (keys sorted, IDs only). */
export function refusedAccessTag({ patientId, action, category, recordId }: RefusedAccess): string {
  const fields = recordId === undefined ? { action, category, patientId } : { action, category, patientId, recordId };
  return ` [refused-access ${JSON.stringify(fields)}]`;
}

/** A refusal's message without its tag, and the refused access the tag names (when it has a valid one). */
export function splitRefusedAccess(message: string): { message: string; refused?: RefusedAccess } {
  const match = REFUSED_ACCESS_TAG.exec(message);
  if (match?.[1] === undefined) {
    return { message };
  }
  const stripped = message.slice(0, match.index) + message.slice(match.index + match[0].length);
  try {
    const parsed = refusedAccess.safeParse(JSON.parse(match[1]));
    return parsed.success ? { message: stripped, refused: parsed.data } : { message: stripped };
  } catch {
    return { message: stripped };
  }
}

/** Accesses on one UTC day, per basis (every basis, 0 when none) and per accessor role (roles that accessed). */
export const accessStats = z.object({
  day: utcDay,
  total: count,
  byBasis: z.record(accessBasis, count),
  byAccessorRole: z.partialRecord(role, count),
});
export type AccessStats = z.infer<typeof accessStats>;

/** Consent:checkAccess: the decision for the query, and the access-log entry it wrote. */
export const accessCheck = accessDecision.extend({
  patientId: stakeholderId,
  action: accessAction,
  category: dataCategory,
  recordId: objectId.optional(),
  logEntryId: objectId,
  at: instant,
});
export type AccessCheck = z.infer<typeof accessCheck>;
