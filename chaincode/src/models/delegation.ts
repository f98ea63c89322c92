import { Property } from 'fabric-contract-api';
import type { DelegationEffectiveStatus, DelegationStatus, DelegationView as DelegationViewShape } from '../contract';
import { Model, Optional } from '../lib/object-metadata';

export type { Delegation, DelegationStatus } from '../contract';

/** A delegation to a trusted person, with its status at transaction time (contract/delegations.ts). */
@Model()
class DelegationView implements DelegationViewShape {
  @Property('id', 'string') id!: string;
  @Property('patientId', 'string') patientId!: string;
  @Property('delegateId', 'string') delegateId!: string;
  @Property('validFrom', 'string') validFrom!: string;
  @Property('validUntil', 'string') validUntil!: string;
  @Property('status', 'string') status!: DelegationStatus;
  @Property('effectiveStatus', 'string') effectiveStatus!: DelegationEffectiveStatus;
  @Property('createdAt', 'string') createdAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('revokedBy', 'string') revokedBy?: string;
  @Optional() @Property('revokedAt', 'string') revokedAt?: string;
}

@Model()
class DelegationPage {
  @Property('items', 'DelegationView[]') items!: DelegationView[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { DelegationView as DelegationViewObject, DelegationPage as DelegationPageObject };

export const DELEGATION_TYPE = 'delegation';
/**
 * One pointer per (patient, delegate) to the delegation currently in force, so checking "is this
 * caller a delegate of that patient" is a single key read; deleted on revocation.
 */
export const DELEGATION_CURRENT_TYPE = 'delegationCurrent';
export const DELEGATION_BY_PATIENT_INDEX = 'delegation~patient~delegate~delegationId';
export const DELEGATION_BY_DELEGATE_INDEX = 'delegation~delegate~patient~delegationId';

export interface DelegationPointer {
  delegationId: string;
}
