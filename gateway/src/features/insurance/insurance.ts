import type { Operation } from '../../api/operation';
import { applicationOperations } from './insurance-applications';
import { claimOperations } from './insurance-claims';
import { packageOperations } from './insurance-packages';

/**
 * Insurance (Insurance contract): packages published as immutable versions, applications that lock
 * the accepted terms hash and price, policies issued when the insurer's answer repeats both, and
 * claims whose clinical details travel in the transient map only. Schemas, enumerations and limits
 * are the chaincode's contract surface.
 */
export const insuranceOperations: Operation[] = [...packageOperations, ...applicationOperations, ...claimOperations];
