import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { codeOf } from '../../test-support/response-body';
import { expectValidFhir } from '../../fhir/test-support/expect-valid-fhir';
import type { TestGateway } from '../../test-support/test-gateway';

/** A grant as an EHR or a patient app writes it: one actor, its actions, one purpose, classes, a period. */
function consent(patient: Actor, grantee: Actor, provision: Record<string, unknown> = {}) {
  return {
    resourceType: 'Consent',
    status: 'active',
    patient: { reference: `Patient/${patient.principal.stakeholderId}` },
    provision: {
      period: { end: hoursFromNow(24) },
      actor: [{ reference: { reference: `Practitioner/${grantee.principal.stakeholderId}` } }],
      action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }],
      class: [{ system: 'urn:medledger:data-category', code: 'lab' }],
      ...provision,
    },
  };
}

function grantOver(gateway: TestGateway, caller: Actor, body: object) {
  return as(gateway, caller).post('/fhir/Consent').set('Content-Type', 'application/fhir+json').send(JSON.stringify(body));
}

describe('the FHIR Consent', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a patient grants over FHIR, then 201 with Location, the grant is the REST grant, and the doctor reads it as a valid Consent', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const granted = await grantOver(gateway, patient, consent(patient, doctor));

    expect(granted.status).toBe(201);
    const id = (granted.body as { id: string }).id;
    expect(granted.headers.location).toMatch(new RegExp(`/fhir/Consent/${id}$`));
    expectValidFhir(granted.body);
    const rest = await as(gateway, doctor).get(`/consents/${id}`);
    expect(rest.body).toMatchObject({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', effectiveStatus: 'active' });
    const read = await as(gateway, doctor).get(`/fhir/Consent/${id}`);
    expect(read.body).toEqual(granted.body);
    const search = await as(gateway, patient).get(`/fhir/Consent?patient=Patient/${patient.principal.stakeholderId}&status=active`);
    expect(JSON.stringify(search.body)).toContain(`"id":"${id}"`);
    expect((await as(gateway, patient).get(`/fhir/Consent?patient=Patient/${patient.principal.stakeholderId}&status=inactive`)).body).not.toHaveProperty('entry');
  });

  it.each([
    ['no period end', { period: {} }],
    ['an unknown action', { action: [{ coding: [{ code: 'launch' }] }] }],
    ['no class and no data', { class: [] }],
    ['two purposes', { purpose: [{ code: 'TREAT' }, { code: 'HPAYMT' }] }],
    ['a purpose outside PurposeOfUse', { purpose: [{ code: 'MARKETING' }] }],
  ])('when the Consent has %s, then VALIDATION_FAILED as an OperationOutcome (400, FHIR’s status; 422 on POST /consents), and nothing is granted', async (_case, provision) => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const refused = await grantOver(gateway, patient, consent(patient, doctor, provision));

    expect([refused.status, codeOf(refused)]).toEqual([400, 'VALIDATION_FAILED']);
    expectValidFhir(refused.body);
    expect((await as(gateway, doctor).get('/fhir/Consent')).body).not.toHaveProperty('entry');
  });

  it('when a doctor grants on a patient’s behalf, then the ledger refuses it as it refuses POST /consents', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const other = await actors.person('doctor');

    const viaFhir = await grantOver(gateway, doctor, consent(patient, other));
    const viaRest = await as(gateway, doctor).post('/consents').send({ patientId: patient.principal.stakeholderId, granteeId: other.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) });

    expect([viaFhir.status, codeOf(viaFhir)]).toEqual([viaRest.status, codeOf(viaRest)]);
    expect(viaFhir.status).toBeGreaterThanOrEqual(400);
  });
});
