import { ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { as, grantTreatment, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { codeOf, resourceOf } from '../../test-support/response-body';
import { r4Errors } from '../../fhir/test-support/r4-validator';

const FHIR_JSON = 'application/fhir+json';

/** A prescription as an EHR writes it: one medicine, one dosage, the fill, refills and validity. */
function medicationRequest(patient: Actor, doctor: Actor, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${patient.principal.stakeholderId}` },
    requester: { reference: `Practitioner/${doctor.principal.stakeholderId}` },
    medicationCodeableConcept: { text: 'Amoxicillin 500 mg' },
    dosageInstruction: [{ text: '1 capsule three times a day', route: { text: 'oral' } }],
    dispenseRequest: { quantity: { value: 21, unit: 'capsules' }, numberOfRepeatsAllowed: 1, validityPeriod: { end: hoursFromNow(24 * 30) }, expectedSupplyDuration: { value: 7, unit: 'days' } },
    ...extra,
  };
}

function post(gateway: TestGateway, caller: Actor, path: string, body: object) {
  return as(gateway, caller).post(path).set('Content-Type', FHIR_JSON).send(JSON.stringify(body));
}

/** Every resource of every page of a search, following Bundle.link next; each page must validate. */
async function searchAll(gateway: TestGateway, caller: Actor, first: string): Promise<{ id: string; resourceType: string }[]> {
  const found: { id: string; resourceType: string }[] = [];
  let url: string | undefined = first;
  for (let pages = 0; url !== undefined && pages < 10; pages += 1) {
    const page = await as(gateway, caller).get(url);
    expect([url, page.status]).toEqual([url, 200]);
    expect(r4Errors(page.body)).toEqual([]);
    const bundle = page.body as { entry?: { resource: { id: string; resourceType: string } }[]; link: { relation: string; url: string }[] };
    found.push(...(bundle.entry ?? []).map((entry) => entry.resource));
    const next = bundle.link.find((link) => link.relation === 'next')?.url;
    url = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
  }
  return found;
}

describe('the FHIR MedicationRequest and MedicationDispense', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a doctor with the edit grant prescribes over FHIR twice, then each reads back and validates, the medication stays private, and the patient pages through both', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    expect((await grantTreatment(gateway, patient, doctor, { actions: ['view', 'edit'], categories: ['prescription'], validUntil: hoursFromNow(24) })).status).toBe(201);

    const issued = [await post(gateway, doctor, '/fhir/MedicationRequest', medicationRequest(patient, doctor)), await post(gateway, doctor, '/fhir/MedicationRequest', medicationRequest(patient, doctor))];

    for (const answer of issued) {
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ resourceType: 'MedicationRequest', status: 'active', subject: { reference: `Patient/${patient.principal.stakeholderId}` }, dispenseRequest: { numberOfRepeatsAllowed: 1 } });
      expect(r4Errors(answer.body)).toEqual([]);
      expect(JSON.stringify(answer.body)).not.toContain('Amoxicillin');
      const read = await as(gateway, patient).get(`/fhir/MedicationRequest/${(answer.body as { id: string }).id}`);
      expect(read.body).toEqual(answer.body);
    }
    const found = await searchAll(gateway, patient, `/fhir/MedicationRequest?patient=${patient.principal.stakeholderId}&_count=1`);
    expect(found.map((resource) => resource.id).sort()).toEqual(issued.map((answer) => (answer.body as { id: string }).id).sort());
    const old = await as(gateway, patient).get(`/fhir/MedicationRequest?patient=${patient.principal.stakeholderId}&_lastUpdated=lt2020-01-01`);
    expect([old.status, (old.body as { entry?: unknown[] }).entry]).toEqual([200, undefined]);
    expect(gateway.logs.text()).not.toContain('Amoxicillin');
  });

  it('when a doctor without the edit grant prescribes over FHIR, then the refusal is the REST refusal, and nothing is issued', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const body = medicationRequest(patient, doctor);

    const fhir = await post(gateway, doctor, '/fhir/MedicationRequest', body);
    const rest = await as(gateway, doctor)
      .post('/prescriptions')
      .send({ patientId: patient.principal.stakeholderId, totalQuantity: 21, refills: 1, validUntil: body.dispenseRequest.validityPeriod.end, items: [{ medicine: 'x', dose: 'y' }] });

    expect(rest.status).toBeGreaterThanOrEqual(400);
    expect([fhir.status, codeOf(fhir)]).toEqual([rest.status, codeOf(rest)]);
    expect(fhir.body).toMatchObject({ resourceType: 'OperationOutcome' });
    expect((await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/prescriptions`)).body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['intent plan', { intent: 'plan' }],
    ['no dosage', { dosageInstruction: [] }],
    ['a subject that is not a Patient', { subject: { reference: 'Group/g1' } }],
    ['a fractional quantity', { dispenseRequest: { quantity: { value: 1.5 }, validityPeriod: { end: hoursFromNow(48) } } }],
    ['a validity in the past', { dispenseRequest: { quantity: { value: 2 }, validityPeriod: { end: '2020-01-01T00:00:00Z' } } }],
    ['a supply duration in weeks', { dispenseRequest: { quantity: { value: 2 }, validityPeriod: { end: hoursFromNow(48) }, expectedSupplyDuration: { value: 1, unit: 'wk' } } }],
    ['a medication by reference', { medicationReference: { reference: 'Medication/m1' } }],
  ])('when the MedicationRequest has %s, then it is refused with a 4xx OperationOutcome and a stable code, never a 500', async (_what, change) => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    expect((await grantTreatment(gateway, patient, doctor, { actions: ['view', 'edit'], categories: ['prescription'], validUntil: hoursFromNow(24) })).status).toBe(201);

    const refused = await post(gateway, doctor, '/fhir/MedicationRequest', medicationRequest(patient, doctor, change));

    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(codeOf(refused)).toMatch(/^[A-Z_]+$/);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it('when the patient orders from a pharmacy, then the pharmacy’s MedicationDispense search and read validate and point at the MedicationRequest', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const pharmacy = await actors.organisation('pharmacy', ['read', 'write']);
    expect((await grantTreatment(gateway, patient, doctor, { actions: ['view', 'edit'], categories: ['prescription'], validUntil: hoursFromNow(24) })).status).toBe(201);
    const issued = await post(gateway, doctor, '/fhir/MedicationRequest', medicationRequest(patient, doctor));
    const prescriptionId = (issued.body as { identifier: { value: string }[] }).identifier[0]?.value;
    const order = await as(gateway, patient).post('/orders').send({ prescriptionId, pharmacyId: pharmacy.principal.stakeholderId, quantity: 21, paymentMethod: 'online' });
    expect(order.status).toBe(201);

    const queue = await searchAll(gateway, pharmacy, '/fhir/MedicationDispense?status=preparation');
    const mine = await searchAll(gateway, patient, `/fhir/MedicationDispense?patient=Patient/${patient.principal.stakeholderId}`);

    expect(queue).toHaveLength(1);
    expect(mine.map((resource) => resource.id)).toEqual(queue.map((resource) => resource.id));
    const read = await as(gateway, pharmacy).get(`/fhir/MedicationDispense/${queue[0]?.id ?? ''}`);
    expect(read.status).toBe(200);
    expect(r4Errors(read.body)).toEqual([]);
    expect(read.body).toMatchObject({ status: 'preparation', authorizingPrescription: [{ reference: `MedicationRequest/${(issued.body as { id: string }).id}` }], identifier: [{ value: resourceOf(order).id }] });
    expect(await searchAll(gateway, pharmacy, '/fhir/MedicationDispense?status=completed')).toEqual([]);
    expect(await searchAll(gateway, pharmacy, '/fhir/MedicationDispense?date=ge2020-01-01')).toEqual([]); // not handed over yet: no date
    expect(await searchAll(gateway, patient, `/fhir/MedicationRequest?patient=${patient.principal.stakeholderId}&date=ge2020-01-01`)).toHaveLength(1);
  });
});
