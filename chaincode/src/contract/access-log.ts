import { z } from 'zod';
import { accessAction, accessBasis, dataCategory } from './categories';
import { instant, utcDay } from './formats';
import { objectId, resourceType, stakeholderId, txId } from './identifiers';
import { count, pageOf } from './pages';
import { role } from './roles';

/** Why the access decision let a caller in, and the grant, delegation or break-glass it relied on. */
export const accessDecision = z.object({
  basis: accessBasis,
  grantId: objectId.optional(),
  delegationId: objectId.optional(),
  breakGlassId: objectId.optional(),
});
export type AccessDecision = z.infer<typeof accessDecision>;

/**
 * One read (or edit) of a patient's protected data, written by the transaction that performed it.
 * It names the data by category and object ID only, never its content.
 */
export const accessLogEntry = accessDecision.extend({
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
