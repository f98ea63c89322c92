import type { Role } from '../lib/roles';

export type StakeholderStatus = 'pending' | 'active' | 'suspended';

/**
 * A registered participant. Public state holds only the pseudonymous ID, role, org and status;
 * names and licence numbers stay off chain (the licence only as a SHA-256 reference).
 */
export interface Stakeholder {
  id: string;
  role: Role;
  mspId: string;
  status: StakeholderStatus;
  registeredAt: string;
  updatedAt: string;
  licenceHash?: string;
  verifiedBy?: string;
  verifiedAt?: string;
  suspendedBy?: string;
  suspendedAt?: string;
}

export const STAKEHOLDER_TYPE = 'stakeholder';
/** Index for listing stakeholders by role and status (e.g. pending doctors to verify). */
export const STAKEHOLDER_BY_ROLE_INDEX = 'stakeholder~role~status';
