import { ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { as, grantTreatment, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { uploadedFile } from '../../acceptance/test-support/uploads';
import { codeOf, resourceOf } from '../../test-support/response-body';
import { r4Errors } from '../../fhir/test-support/r4-validator';

/** A service request carried over REST from estimate to report, the report being one of the patient's lab files. */
async function reportedService(gateway: TestGateway, patient: Actor, hospital: Actor): Promise<{ requestId: string; fileId: string }> {
  const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'fatigue for three weeks' });
  expect(requested.status).toBe(201);
  const requestId = resourceOf(requested).id;
  const path = `/hospital-services/${requestId}`;
  const fileId = await uploadedFile(gateway, patient, { patientId: patient.principal.stakeholderId, category: 'lab', fileName: 'cbc.txt', mediaType: 'text/plain', content: 'blood count' });
  for (const [who, step, body] of [
    [hospital, 'quote', { priceMinor: 1500, currency: 'EUR', validUntil: hoursFromNow(24) }],
    [patient, 'acceptance', {}],
    [patient, 'payment', { method: 'cash', reference: 'receipt-1' }],
    [hospital, 'payment-confirmation', {}],
    [hospital, 'report', { fileId }],
  ] as const) {
    expect([step, (await as(gateway, who).post(`${path}/${step}`).send(body)).status]).toEqual([step, 200]);
  }
  return { requestId, fileId };
}

describe('the FHIR ServiceRequest and DiagnosticReport', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a hospital service is reported, then its ServiceRequest and DiagnosticReport read and search back, validate, and keep the details private', async () => {
    const patient = await actors.person('patient');
    const hospital = await actors.organisation('hospital', ['read', 'write']);
    const patientId = patient.principal.stakeholderId;
    const { requestId, fileId } = await reportedService(gateway, patient, hospital);
    const open = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'IMG-XR', details: 'wrist after a fall' });
    expect(open.status).toBe(201);

    const answers = [
      await as(gateway, patient).get(`/fhir/ServiceRequest/${requestId}`),
      await as(gateway, hospital).get(`/fhir/DiagnosticReport/${requestId}`),
      await as(gateway, patient).get(`/fhir/ServiceRequest?patient=Patient/${patientId}&_count=1`),
      await as(gateway, hospital).get('/fhir/ServiceRequest?status=completed'),
      await as(gateway, patient).get(`/fhir/DiagnosticReport?patient=${patientId}`),
    ];

    for (const answer of answers) {
      expect([answer.status, r4Errors(answer.body)]).toEqual([200, []]);
      expect(JSON.stringify(answer.body)).not.toMatch(/fatigue|wrist/);
    }
    expect(answers[0]?.body).toMatchObject({ resourceType: 'ServiceRequest', status: 'completed', subject: { reference: `Patient/${patientId}` }, code: { coding: [{ code: 'LAB-CBC' }] } });
    expect(answers[1]?.body).toMatchObject({ resourceType: 'DiagnosticReport', status: 'final', basedOn: [{ reference: `ServiceRequest/${requestId}` }], identifier: [{ value: fileId }] });
    expect((answers[2]?.body as { entry: unknown[]; link: { relation: string }[] }).link.map((link) => link.relation)).toEqual(['self', 'next']);
    const reports = (answers[4]?.body as { entry: { resource: { id: string } }[] }).entry;
    expect(reports.map((entry) => entry.resource.id)).toEqual([requestId]);
  });

  it('when a service is not reported, then its DiagnosticReport is 404 NOT_FOUND', async () => {
    const patient = await actors.person('patient');
    const hospital = await actors.organisation('hospital', ['read', 'write']);
    const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'check-up' });

    const read = await as(gateway, patient).get(`/fhir/DiagnosticReport/${resourceOf(requested).id}`);

    expect([read.status, codeOf(read)]).toEqual([404, 'NOT_FOUND']);
  });

  it('when a doctor without consent reads or searches a patient’s services, then the refusal is the REST refusal; with a billing view grant the search answers', async () => {
    const patient = await actors.person('patient');
    const hospital = await actors.organisation('hospital', ['read', 'write']);
    const stranger = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    const { requestId } = await reportedService(gateway, patient, hospital);

    const pairs = [
      [await as(gateway, stranger).get(`/fhir/ServiceRequest/${requestId}`), await as(gateway, stranger).get(`/hospital-services/${requestId}`)],
      [await as(gateway, stranger).get(`/fhir/DiagnosticReport?patient=${patientId}`), await as(gateway, stranger).get(`/patients/${patientId}/hospital-services`)],
    ] as const;
    for (const [fhir, rest] of pairs) {
      expect(rest.status).toBeGreaterThanOrEqual(400);
      expect([fhir.status, codeOf(fhir)]).toEqual([rest.status, codeOf(rest)]);
    }
    expect((await grantTreatment(gateway, patient, stranger, { actions: ['view'], categories: ['billing'], validUntil: hoursFromNow(24) })).status).toBe(201);
    expect((await as(gateway, stranger).get(`/fhir/ServiceRequest?patient=${patientId}`)).status).toBe(200);
  });
});
