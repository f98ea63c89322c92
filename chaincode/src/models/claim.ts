import { ChaincodeError } from '../lib/errors';
import type { Role } from '../lib/roles';
import type { TransitionTable } from '../lib/status-machine';

/** submitted → approved | partially-approved | denied; approved | partially-approved → paid. */
export const CLAIM_STATUSES = ['submitted', 'approved', 'partially-approved', 'denied', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_DECISIONS = ['approved', 'partially-approved', 'denied'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];
export type ClaimAction = ClaimDecision | 'markPaid';

/** Keyed by the decision taken (decideClaim) or 'markPaid'. */
export const CLAIM_TRANSITIONS: TransitionTable<ClaimStatus, ClaimAction> = {
  approved: { from: ['submitted'], to: 'approved' },
  'partially-approved': { from: ['submitted'], to: 'partially-approved' },
  denied: { from: ['submitted'], to: 'denied' },
  markPaid: { from: ['approved', 'partially-approved'], to: 'paid' },
};

/**
 * A claim against a policy. Public state: IDs, the invoice's SHA-256, amounts, status, timestamps.
 * What was treated lives only in the private collection (ClaimDetails).
 */
export interface Claim {
  id: string;
  policyId: string;
  patientId: string;
  insurerId: string;
  submittedBy: string;
  submitterRole: Role;
  invoiceSha256: string;
  amountMinor: number;
  currency: string;
  status: ClaimStatus;
  submittedAt: string;
  updatedAt: string;
  /** Set when the hospital submitted under the patient's billing grant. */
  submitGrantId?: string;
  decision?: ClaimDecision;
  approvedAmountMinor?: number;
  decidedAt?: string;
  paymentRef?: string;
  paidAt?: string;
}

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

export const MAX_CLAIM_DETAILS = 4000;
export const PAYMENT_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

/** Validates the transient `claim` input: {details: "..."}. */
export function parseClaimDetails(input: object): string {
  const record = input as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => field !== 'details');
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `claim.${unknownField} is not a claim field; put everything in claim.details`);
  }
  const details = record.details;
  if (typeof details !== 'string' || details.trim().length === 0 || details.trim().length > MAX_CLAIM_DETAILS) {
    throw new ChaincodeError('INVALID_ARGUMENT', `claim.details must be 1-${MAX_CLAIM_DETAILS} characters`);
  }
  return details.trim();
}
