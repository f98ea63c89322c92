import type { Operation } from '../../api/operation';
import { accessRequestOperations } from '../../features/consent/access-requests';
import { accessOperations } from '../../features/consent/access';
import { appointmentOperations } from '../../features/care/appointments';
import { consentOperations } from '../../features/consent/consents';
import { delegationOperations } from '../../features/consent/delegations';
import { hospitalServiceOperations } from '../../features/care/hospital-services';
import { insuranceOperations } from '../../features/insurance/insurance';
import { orderOperations } from '../../features/prescriptions/orders';
import { prescriptionOperations } from '../../features/prescriptions/prescriptions';
import { recordOperations } from '../../features/records/records';
import { stakeholderOperations } from '../../features/stakeholders/stakeholders';

/**
 * The ownership matrix is split into one test file per group of resources. Each file proves it
 * covers every operation of its group, and matrix-groups.test.ts proves the groups together are
 * exactly the API's operations, so no operation escapes the matrix.
 */
export const MATRIX_GROUPS: Readonly<Record<'consent' | 'prescriptions' | 'insurance' | 'visits', readonly Operation[]>> = {
  consent: [...stakeholderOperations, ...consentOperations, ...accessRequestOperations, ...delegationOperations, ...accessOperations],
  prescriptions: [...prescriptionOperations, ...orderOperations],
  insurance: insuranceOperations,
  visits: [...appointmentOperations, ...hospitalServiceOperations, ...recordOperations],
};

export function authenticatedIds(operations: readonly Operation[]): string[] {
  return operations.filter((operation) => operation.access !== 'public').map((operation) => operation.operationId);
}
