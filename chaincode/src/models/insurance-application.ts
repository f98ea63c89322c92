import { Property } from 'fabric-contract-api';
import type { ApplicationMismatch, ApplicationStatus, InsuranceApplication as InsuranceApplicationShape, Policy } from '../contract';
import { Model, Optional } from '../lib/object-metadata';
import type { TransitionTable } from '../lib/status-machine';

export type { ApplicationMismatch, ApplicationStatus, InsuranceApplication } from '../contract';
/** Re-exported under their former place for importers that predate contract/. */
export { APPLICATION_STATUSES } from '../contract';

/**
 * pending → approved (terms and price matched: a policy is issued)
 * pending → rejected (the insurer answered with other terms or another price)
 * pending → declined (insurer, before the deadline)
 * pending → withdrawn (patient, only after the deadline passed unanswered)
 */
export type ApplicationAction = 'respondMatched' | 'respondMismatched' | 'decline' | 'withdraw';

export const APPLICATION_TRANSITIONS: TransitionTable<ApplicationStatus, ApplicationAction> = {
  respondMatched: { from: ['pending'], to: 'approved' },
  respondMismatched: { from: ['pending'], to: 'rejected' },
  decline: { from: ['pending'], to: 'declined' },
  withdraw: { from: ['pending'], to: 'withdrawn' },
};

/**
 * A patient's application for one package version (contract/insurance.ts). Applying locks the
 * terms hash the patient accepted and that version's price; the insurer's answer must repeat both
 * to produce a policy.
 */
@Model()
class InsuranceApplication implements InsuranceApplicationShape {
  @Property('id', 'string') id!: string;
  @Property('packageId', 'string') packageId!: string;
  @Property('packageVersion', 'number') packageVersion!: number;
  @Property('insurerId', 'string') insurerId!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('lockedTermsSha256', 'string') lockedTermsSha256!: string;
  @Property('lockedPriceMinor', 'number') lockedPriceMinor!: number;
  @Property('currency', 'string') currency!: string;
  @Property('responseDeadline', 'string') responseDeadline!: string;
  @Property('status', 'string') status!: ApplicationStatus;
  @Property('appliedAt', 'string') appliedAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('respondedAt', 'string') respondedAt?: string;
  @Optional() @Property('offeredTermsSha256', 'string') offeredTermsSha256?: string;
  @Optional() @Property('offeredPriceMinor', 'number') offeredPriceMinor?: number;
  @Optional() @Property('mismatches', 'string[]') mismatches?: ApplicationMismatch[];
  @Optional() @Property('policyId', 'string') policyId?: string;
  @Optional() @Property('recommendedPackageId', 'string') recommendedPackageId?: string;
  @Optional() @Property('declinedAt', 'string') declinedAt?: string;
  @Optional() @Property('withdrawnAt', 'string') withdrawnAt?: string;
}

@Model()
class InsuranceApplicationPage {
  @Property('items', 'InsuranceApplication[]') items!: InsuranceApplication[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** Insurance:respond: the answered application and, when the answer matched, the policy issued. */
@Model()
class ApplicationResponse {
  @Property('application', 'InsuranceApplication') application!: InsuranceApplication;
  @Optional() @Property('policy', 'Policy') policy?: Policy;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { InsuranceApplication as InsuranceApplicationObject, InsuranceApplicationPage as InsuranceApplicationPageObject, ApplicationResponse as ApplicationResponseObject };

export const APPLICATION_TYPE = 'insurance-application';
/** [patientId, status, appliedAt, id] */
export const APPLICATION_BY_PATIENT_INDEX = 'insurance-application~patient~status~applied';
/** [insurerId, status, appliedAt, id] */
export const APPLICATION_BY_INSURER_INDEX = 'insurance-application~insurer~status~applied';
