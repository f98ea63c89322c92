/**
 * Roles and the MSP that may issue each are contract/roles.ts; re-exported here for importers
 * that predate contract/.
 */
export { isProfessional, isRole, PROFESSIONAL_ROLES, ROLE_ISSUING_MSP, ROLES, type Role } from '../contract';
