export type { Stakeholder, StakeholderStatus } from '../contract';

export const STAKEHOLDER_TYPE = 'stakeholder';
/** Index for listing stakeholders by role and status (e.g. pending doctors to verify). */
export const STAKEHOLDER_BY_ROLE_INDEX = 'stakeholder~role~status';
