import type { ApplicationStatus } from '../contract';
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

export const APPLICATION_TYPE = 'insurance-application';
/** [patientId, status, appliedAt, id] */
export const APPLICATION_BY_PATIENT_INDEX = 'insurance-application~patient~status~applied';
/** [insurerId, status, appliedAt, id] */
export const APPLICATION_BY_INSURER_INDEX = 'insurance-application~insurer~status~applied';
