export type { Delegation, DelegationStatus } from '../contract';

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
