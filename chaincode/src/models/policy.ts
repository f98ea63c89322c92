import type { Coverage } from './insurance-package';

export const POLICY_STATUSES = ['active'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/**
 * An insurance policy, issued when an insurer's answer matched the locked application terms.
 * Its ID comes from the transaction ID, so it is unique and identical on every endorser.
 */
export interface Policy {
  id: string;
  applicationId: string;
  packageId: string;
  packageVersion: number;
  insurerId: string;
  patientId: string;
  termsSha256: string;
  priceMinor: number;
  currency: string;
  coverage: Coverage;
  status: PolicyStatus;
  /** Coverage runs from coverageStart (inclusive) to coverageEnd (exclusive). */
  coverageStart: string;
  coverageEnd: string;
  issuedAt: string;
}

export const POLICY_TYPE = 'insurance-policy';
/** [patientId, issuedAt, id] */
export const POLICY_BY_PATIENT_INDEX = 'insurance-policy~patient~issued';
/** [insurerId, issuedAt, id] */
export const POLICY_BY_INSURER_INDEX = 'insurance-policy~insurer~issued';
