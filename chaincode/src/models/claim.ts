import { CLAIM_DETAILS_MAX, type ClaimDecision, type ClaimStatus } from '../contract';
import { ChaincodeError } from '../lib/errors';
import type { TransitionTable } from '../lib/status-machine';

export type { Claim, ClaimDecision, ClaimStatus } from '../contract';
/** Re-exported under their former names for importers that predate contract/. */
export {
  CLAIM_DECISIONS,
  CLAIM_DETAILS_MAX as MAX_CLAIM_DETAILS,
  CLAIM_PAYMENT_REF_PATTERN as PAYMENT_REF_PATTERN,
  CLAIM_STATUSES,
} from '../contract';

export type ClaimAction = ClaimDecision | 'markPaid';

/** submitted → approved | partially-approved | denied; approved | partially-approved → paid. Keyed by the decision taken (decideClaim) or 'markPaid'. */
export const CLAIM_TRANSITIONS: TransitionTable<ClaimStatus, ClaimAction> = {
  approved: { from: ['submitted'], to: 'approved' },
  'partially-approved': { from: ['submitted'], to: 'partially-approved' },
  denied: { from: ['submitted'], to: 'denied' },
  markPaid: { from: ['approved', 'partially-approved'], to: 'paid' },
};

/** The private part of a claim, in HEALTH_COLLECTION under the claim's ID. */
export interface ClaimDetails {
  claimId: string;
  patientId: string;
  details: string;
}

export const CLAIM_TYPE = 'insurance-claim';
export const CLAIM_DETAILS_TYPE = 'insurance-claim-details';
/** [policyId, status, submittedAt, id] */
export const CLAIM_BY_POLICY_INDEX = 'insurance-claim~policy~status~submitted';
/** [insurerId, status, submittedAt, id] */
export const CLAIM_BY_INSURER_INDEX = 'insurance-claim~insurer~status~submitted';

/** Validates the transient `claim` input: {details: "..."}. */
export function parseClaimDetails(input: object): string {
  const record = input as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => field !== 'details');
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `claim.${unknownField} is not a claim field; put everything in claim.details`);
  }
  const details = record.details;
  if (typeof details !== 'string' || details.trim().length === 0 || details.trim().length > CLAIM_DETAILS_MAX) {
    throw new ChaincodeError('INVALID_ARGUMENT', `claim.details must be 1-${CLAIM_DETAILS_MAX} characters`);
  }
  return details.trim();
}
