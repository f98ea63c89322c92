import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, useGatewayAndActors } from '../../acceptance/test-support/actors';
import { codeOf } from '../../test-support/response-body';

describe('the FHIR Patient', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a doctor reads a patient by id, then it is the pseudonymous Patient as application/fhir+json, its id the ledger ID', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;

    const read = await as(gateway, doctor).get(`/fhir/Patient/${patientId}`);

    expect(read.status).toBe(200);
    expect(read.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect(read.body).toEqual({
      resourceType: 'Patient',
      id: patientId.replace(/_/g, '.1'),
      meta: { lastUpdated: expect.any(String) as unknown },
      identifier: [{ system: 'urn:medledger:stakeholder', value: patientId }],
      active: true,
    });
  });

  it('when the id is a doctor, unknown or not a ledger ID, then 404 as an OperationOutcome with the MedLedger code', async () => {
    const doctor = await actors.person('doctor');
    for (const id of [doctor.principal.stakeholderId, 'pat-doesnotexist1', 'x.2']) {
      const read = await as(gateway, doctor).get(`/fhir/Patient/${id}`);
      expect([id, read.status, read.headers['content-type']]).toEqual([id, 404, expect.stringMatching(/^application\/fhir\+json/)]);
      expect(read.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
      expect(codeOf(read)).toBe('NOT_FOUND');
    }
  });

  it('when no credential is sent, then 401 as an OperationOutcome (login)', async () => {
    const read = await as(gateway).get('/fhir/Patient/pat-abcdef12');
    expect(read.status).toBe(401);
    expect(read.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
  });
});
