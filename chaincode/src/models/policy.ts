export type { Policy, PolicyStatus } from '../contract';
/** Re-exported under its former place for importers that predate contract/. */
export { POLICY_STATUSES } from '../contract';

export const POLICY_TYPE = 'insurance-policy';
/** [patientId, issuedAt, id] */
export const POLICY_BY_PATIENT_INDEX = 'insurance-policy~patient~issued';
/** [insurerId, issuedAt, id] */
export const POLICY_BY_INSURER_INDEX = 'insurance-policy~insurer~issued';
