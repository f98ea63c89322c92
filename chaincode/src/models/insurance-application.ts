import type { TransitionTable } from '../lib/status-machine';

/**
 * pending → approved (terms and price matched: a policy is issued)
 * pending → rejected (the insurer answered with other terms or another price)
 * pending → declined (insurer, before the deadline)
 * pending → withdrawn (patient, only after the deadline passed unanswered)
 */
export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationAction = 'respondMatched' | 'respondMismatched' | 'decline' | 'withdraw';

export const APPLICATION_TRANSITIONS: TransitionTable<ApplicationStatus, ApplicationAction> = {
  respondMatched: { from: ['pending'], to: 'approved' },
  respondMismatched: { from: ['pending'], to: 'rejected' },
  decline: { from: ['pending'], to: 'declined' },
  withdraw: { from: ['pending'], to: 'withdrawn' },
};

/** What differed when an insurer's answer did not match the locked terms. */
export type ApplicationMismatch = 'terms' | 'price';

/**
 * A patient's application for one package version. Applying locks the terms hash the patient
 * accepted and that version's price; the insurer's answer must repeat both to produce a policy.
 */
export interface InsuranceApplication {
  id: string;
  packageId: string;
  packageVersion: number;
  insurerId: string;
  patientId: string;
  lockedTermsSha256: string;
  lockedPriceMinor: number;
  currency: string;
  responseDeadline: string;
  status: ApplicationStatus;
  appliedAt: string;
  updatedAt: string;
  respondedAt?: string;
  /** The insurer's answer, recorded also when it mismatched. */
  offeredTermsSha256?: string;
  offeredPriceMinor?: number;
  mismatches?: ApplicationMismatch[];
  policyId?: string;
  recommendedPackageId?: string;
  declinedAt?: string;
  withdrawnAt?: string;
}

export const APPLICATION_TYPE = 'insurance-application';
/** [patientId, status, appliedAt, id] */
export const APPLICATION_BY_PATIENT_INDEX = 'insurance-application~patient~status~applied';
/** [insurerId, status, appliedAt, id] */
export const APPLICATION_BY_INSURER_INDEX = 'insurance-application~insurer~status~applied';

/** The latest response deadline a patient may set, counted from the application. */
export const MAX_RESPONSE_WINDOW_SECONDS = 30 * 24 * 3600;
