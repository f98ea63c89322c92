import { honoursIdempotency } from '../api/operation';
import { RESOURCE_OPERATIONS } from '../wiring/rest-api';

/** Reads that return clinical details must never have their answers stored for replay. */
const READS_RETURNING_HEALTH_DATA = ['readAppointmentDetails', 'readHospitalServiceDetails', 'readInsuranceClaim', 'readOrderPrescription', 'readPrescription'];

describe('idempotent replay and health data', () => {
  it.each(READS_RETURNING_HEALTH_DATA)('when %s is posted with an Idempotency-Key, then its answer is not stored for replay (it is not a creation)', (operationId) => {
    const operation = RESOURCE_OPERATIONS.find((candidate) => candidate.operationId === operationId);
    if (operation === undefined) {
      throw new Error(`no operation ${operationId}`);
    }

    expect([operation.method, operation.response.status, operation.creates]).toEqual(['post', 200, undefined]);
    expect(honoursIdempotency(operation)).toBe(false);
  });
});
