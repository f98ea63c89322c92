import { Property } from 'fabric-contract-api';
import type { Role, Stakeholder as StakeholderShape, StakeholderStatus } from '../contract';
import { Model, Optional } from '../lib/object-metadata';

export type { Stakeholder, StakeholderStatus } from '../contract';

/**
 * A registered participant (contract/stakeholders.ts). Public state holds only the pseudonymous
 * ID, role, org and status; names and licence numbers stay off chain.
 */
@Model()
class Stakeholder implements StakeholderShape {
  @Property('id', 'string') id!: string;
  @Property('role', 'string') role!: Role;
  @Property('mspId', 'string') mspId!: string;
  @Property('status', 'string') status!: StakeholderStatus;
  @Property('registeredAt', 'string') registeredAt!: string;
  @Property('updatedAt', 'string') updatedAt!: string;
  @Optional() @Property('licenceHash', 'string') licenceHash?: string;
  @Optional() @Property('verifiedBy', 'string') verifiedBy?: string;
  @Optional() @Property('verifiedAt', 'string') verifiedAt?: string;
  @Optional() @Property('suspendedBy', 'string') suspendedBy?: string;
  @Optional() @Property('suspendedAt', 'string') suspendedAt?: string;
}

@Model()
class StakeholderPage {
  @Property('items', 'Stakeholder[]') items!: Stakeholder[];
  @Property('bookmark', 'string') bookmark!: string;
}

/** GetMetadata's descriptions of the results above; each name without the suffix is the data type, from contract/. */
export { Stakeholder as StakeholderObject, StakeholderPage as StakeholderPageObject };

export const STAKEHOLDER_TYPE = 'stakeholder';
/** Index for listing stakeholders by role and status (e.g. pending doctors to verify). */
export const STAKEHOLDER_BY_ROLE_INDEX = 'stakeholder~role~status';
