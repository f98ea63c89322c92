import type { Operation } from '../operation';
import { accessRequestOperations } from '../resources/access-requests';
import { accessOperations } from '../resources/access';
import { appointmentOperations } from '../resources/appointments';
import { consentOperations } from '../resources/consents';
import { delegationOperations } from '../resources/delegations';
import { hospitalServiceOperations } from '../resources/hospital-services';
import { insuranceOperations } from '../resources/insurance';
import { orderOperations } from '../resources/orders';
import { prescriptionOperations } from '../resources/prescriptions';
import { recordOperations } from '../resources/records';
import { stakeholderOperations } from '../resources/stakeholders';

/**
 * The ownership matrix is split into one test file per group of resources. Each file proves it
 * covers every operation of its group, and matrix-groups.test.ts proves the groups together are
 * exactly the API's operations, so no operation escapes the matrix.
 */
export const MATRIX_GROUPS: Readonly<Record<'consent' | 'care' | 'visits', readonly Operation[]>> = {
  consent: [...stakeholderOperations, ...consentOperations, ...accessRequestOperations, ...delegationOperations, ...accessOperations],
  care: [...prescriptionOperations, ...orderOperations, ...insuranceOperations],
  visits: [...appointmentOperations, ...hospitalServiceOperations, ...recordOperations],
};

export function authenticatedIds(operations: readonly Operation[]): string[] {
  return operations.filter((operation) => operation.access !== 'public').map((operation) => operation.operationId);
}
