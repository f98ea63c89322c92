import { Property } from 'fabric-contract-api';
import type { Coverage, Policy as PolicyShape, PolicyStatus } from '../contract';
import { Model } from '../lib/object-metadata';

export type { Policy, PolicyStatus } from '../contract';
/** Re-exported under its former place for importers that predate contract/. */
export { POLICY_STATUSES } from '../contract';

/**
 * An insurance policy, issued when an insurer's answer matched the locked application terms
 * (contract/insurance.ts). Its ID comes from the transaction ID, so it is unique and identical on
 * every endorser.
 */
@Model()
class Policy implements PolicyShape {
  @Property('id', 'string') id!: string;
  @Property('applicationId', 'string') applicationId!: string;
  @Property('packageId', 'string') packageId!: string;
  @Property('packageVersion', 'number') packageVersion!: number;
  @Property('insurerId', 'string') insurerId!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('termsSha256', 'string') termsSha256!: string;
  @Property('priceMinor', 'number') priceMinor!: number;
  @Property('currency', 'string') currency!: string;
  @Property('coverage', 'Coverage') coverage!: Coverage;
  @Property('status', 'string') status!: PolicyStatus;
  /** Coverage runs from coverageStart (inclusive) to coverageEnd (exclusive). */
  @Property('coverageStart', 'string') coverageStart!: string;
  @Property('coverageEnd', 'string') coverageEnd!: string;
  @Property('issuedAt', 'string') issuedAt!: string;
}

@Model()
class PolicyPage {
  @Property('items', 'Policy[]') items!: Policy[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { Policy as PolicyObject, PolicyPage as PolicyPageObject };

export const POLICY_TYPE = 'insurance-policy';
/** [patientId, issuedAt, id] */
export const POLICY_BY_PATIENT_INDEX = 'insurance-policy~patient~issued';
/** [insurerId, issuedAt, id] */
export const POLICY_BY_INSURER_INDEX = 'insurance-policy~insurer~issued';
