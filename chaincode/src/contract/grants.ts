import { z } from 'zod';
import { ACCESS_ACTIONS, accessAction, DATA_CATEGORIES, dataCategory } from './categories';
import { instant } from './formats';
import { objectId, stakeholderId } from './identifiers';
import { MAX_SCOPE_RECORD_IDS } from './limits';
import { pageOf } from './pages';
import { purposeOfUse } from './purposes';
import { role } from './roles';
import {
  accessRequestEffectiveStatus,
  accessRequestStatus,
  APPLICATION_STATUSES,
  APPOINTMENT_STATUSES,
  CLAIM_STATUSES,
  grantEffectiveStatus,
  grantStatus,
  ORDER_STATUSES,
  SERVICE_STATUSES,
} from './statuses';

function distinct(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

/** The array, refusing repeated values; its JSON Schema says so (uniqueItems), as it cannot run the refinement. */
function distinctItems<T extends z.ZodArray>(array: T): T {
  return array.refine(distinct, 'must not repeat values').meta({ uniqueItems: true });
}

/** What a grant allows: one or both actions, each at most once. */
export const accessActions = distinctItems(z.array(accessAction).min(1).max(ACCESS_ACTIONS.length));

/**
 * What a grant covers: whole categories of a patient's data, or individual records (selective
 * disclosure, e.g. one lab result). Exactly one of the two, so a grant's meaning is never mixed.
 */
export const grantScope = z.union([
  z.strictObject({
    categories: distinctItems(z.array(dataCategory).min(1).max(DATA_CATEGORIES.length)),
    recordIds: z.never().optional(),
  }),
  z.strictObject({
    recordIds: distinctItems(z.array(objectId).min(1).max(MAX_SCOPE_RECORD_IDS)),
    categories: z.never().optional(),
  }),
]);
export type GrantScope = z.infer<typeof grantScope>;

/**
 * The care workflows that create their own narrow grant in the transaction where the patient acts
 * (booking, ordering, paying, applying, claiming), named by the type of the workflow object.
 */
export const WORKFLOW_TYPES = ['appointment', 'medicine-order', 'service-request', 'insurance-application', 'claim'] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

/** How a workflow ended: the final status of its object (e.g. 'completed', 'dispensed', 'paid'). */
export const WORKFLOW_OUTCOMES = [...new Set([...APPOINTMENT_STATUSES, ...ORDER_STATUSES, ...SERVICE_STATUSES, ...APPLICATION_STATUSES, ...CLAIM_STATUSES])] as [
  string,
  ...string[],
];

/**
 * The public reference from a workflow grant to the object it serves (pseudonymous IDs only).
 * `outcome` and `endedAt` are set when the workflow ends, which ends the grant (status 'ended').
 */
export const grantWorkflow = z.object({
  type: z.enum(WORKFLOW_TYPES),
  id: objectId,
  outcome: z.enum(WORKFLOW_OUTCOMES).optional(),
  endedAt: instant.optional(),
});
export type GrantWorkflow = z.infer<typeof grantWorkflow>;

/**
 * A patient's consent for one grantee. Public state holds pseudonymous IDs, the scope's
 * categories or record IDs, the purpose-of-use code and the window; never clinical content.
 * Revoked grants stay on the ledger (status 'revoked') as the consent history.
 */
export const grant = z.object({
  id: objectId,
  patientId: stakeholderId,
  granteeId: stakeholderId,
  granteeRole: role,
  actions: accessActions,
  scope: grantScope,
  purpose: purposeOfUse,
  validFrom: instant,
  validUntil: instant,
  status: grantStatus,
  /** The patient, or the delegate who granted on the patient's behalf. */
  createdBy: stakeholderId,
  createdAt: instant,
  updatedAt: instant,
  /** Set when the grant came from approving an access request. */
  requestId: objectId.optional(),
  revokedBy: stakeholderId.optional(),
  revokedAt: instant.optional(),
  /**
   * Set on a grant a care workflow created for itself (createdBy is then the patient who acted).
   * It is listed, read and revoked like any grant, and ends by itself when the workflow ends.
   */
  workflow: grantWorkflow.optional(),
});
export type Grant = z.infer<typeof grant>;

/** A grant as transactions return it: with its status as judged at transaction time. */
export const grantView = grant.extend({ effectiveStatus: grantEffectiveStatus });
export type GrantView = z.infer<typeof grantView>;
export const grantPage = pageOf(grantView);

/**
 * A professional's request for consent. The patient (or a delegate) approves it in full or in
 * part, which creates a grant, or denies it.
 */
export const accessRequest = z.object({
  id: objectId,
  patientId: stakeholderId,
  requesterId: stakeholderId,
  requesterRole: role,
  actions: accessActions,
  scope: grantScope,
  purpose: purposeOfUse,
  /** The latest end of the grant the requester asks for; approval may shorten, never extend it. */
  validUntil: instant,
  status: accessRequestStatus,
  createdAt: instant,
  updatedAt: instant,
  decidedBy: stakeholderId.optional(),
  decidedAt: instant.optional(),
  /** The grant an approval created. */
  grantId: objectId.optional(),
});
export type AccessRequest = z.infer<typeof accessRequest>;

/** A request as transactions return it: a pending request whose requested end has passed reads as 'expired'. */
export const accessRequestView = accessRequest.extend({ effectiveStatus: accessRequestEffectiveStatus });
export type AccessRequestView = z.infer<typeof accessRequestView>;
export const accessRequestPage = pageOf(accessRequestView);
