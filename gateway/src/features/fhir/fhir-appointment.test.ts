import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, grantTreatment, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { codeOf } from '../../test-support/response-body';
import { r4Errors } from '../../fhir/test-support/r4-validator';
import type { TestGateway } from '../../test-support/test-gateway';

const FHIR_JSON = 'application/fhir+json';

/** A booking as an EHR writes it: proposed, the patient and the doctor as participants, the reason as text. */
function booking(patient: Actor, provider: Actor, startHours: number, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Appointment',
    status: 'proposed',
    start: hoursFromNow(startHours),
    end: hoursFromNow(startHours + 0.5),
    reasonCode: [{ text: 'persistent cough' }],
    participant: [
      { actor: { reference: `Patient/${patient.principal.stakeholderId}` }, status: 'accepted' },
      { actor: { reference: `Practitioner/${provider.principal.stakeholderId}` }, status: 'needs-action' },
    ],
    ...extra,
  };
}

function bookOver(gateway: TestGateway, patient: Actor, body: object) {
  return as(gateway, patient).post('/fhir/Appointment').set('Content-Type', FHIR_JSON).send(JSON.stringify(body));
}

describe('the FHIR Appointment', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a patient books over FHIR, then 201 with Location, the Appointment reads back and validates, and the reason stays private', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const booked = await bookOver(gateway, patient, booking(patient, doctor, 48));

    expect(booked.status).toBe(201);
    expect(booked.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const created = booked.body as { id: string; resourceType: string };
    expect(booked.headers.location).toMatch(new RegExp(`/fhir/Appointment/${created.id}$`));
    expect(created).toMatchObject({ resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: `Patient/${patient.principal.stakeholderId}` } }, {}] });
    expect(r4Errors(created)).toEqual([]);
    expect(JSON.stringify(created)).not.toContain('cough');
    const read = await as(gateway, doctor).get(`/fhir/Appointment/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);
    expect(gateway.logs.text()).not.toContain('persistent cough');
  });

  it.each([
    ['a status other than proposed', { status: 'booked' }],
    ['no reason', { reasonCode: [] }],
    ['an element the booking cannot take', { comment: 'call first' }],
    ['a start that is not an instant', { start: 'tomorrow' }],
    ['no provider', { participant: [{ actor: { reference: 'Patient/pat-00000001' }, status: 'accepted' }] }],
    ['another resource type', { resourceType: 'Encounter' }],
  ])('when the booking has %s, then 400 VALIDATION_FAILED as an OperationOutcome and nothing is booked', async (_what, change) => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const refused = await bookOver(gateway, patient, booking(patient, doctor, 48, change));

    expect([refused.status, codeOf(refused)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] });
    expect((await as(gateway, patient).get(`/fhir/Appointment?patient=Patient/${patient.principal.stakeholderId}`)).body).not.toHaveProperty('entry');
  });

  it('when the booking names another patient, then 400 and nothing is booked for either', async () => {
    const patient = await actors.person('patient');
    const other = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const refused = await bookOver(gateway, patient, booking(other, doctor, 48));

    expect([refused.status, codeOf(refused)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('when a doctor without consent reads or searches a patient’s appointments, then the refusal is the REST refusal, with the same status and code', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const stranger = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    const booked = await bookOver(gateway, patient, booking(patient, doctor, 48));
    const id = (booked.body as { id: string }).id;
    const ledgerId = (booked.body as { identifier: { value: string }[] }).identifier[0]?.value;

    const pairs: [Awaited<ReturnType<typeof bookOver>>, Awaited<ReturnType<typeof bookOver>>][] = [
      [await as(gateway, stranger).get(`/fhir/Appointment/${id}`), await as(gateway, stranger).get(`/appointments/${String(ledgerId)}`)],
      [await as(gateway, stranger).get(`/fhir/Appointment?patient=${patientId}`), await as(gateway, stranger).get(`/patients/${patientId}/appointments`)],
    ];

    for (const [fhir, rest] of pairs) {
      expect(fhir.status).toBeGreaterThanOrEqual(400);
      expect([fhir.status, codeOf(fhir)]).toEqual([rest.status, codeOf(rest)]);
      expect(fhir.body).toMatchObject({ resourceType: 'OperationOutcome' });
    }
  });

  it('when a patient with three appointments searches with _count=1, then Bundle.link next pages through all three, each validating, a grantee sees them too, and status and _lastUpdated filter them', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const grantee = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    for (const hours of [24, 48, 72]) {
      expect((await bookOver(gateway, patient, booking(patient, doctor, hours))).status).toBe(201);
    }
    expect((await grantTreatment(gateway, patient, grantee, { actions: ['view'], categories: ['appointment'], validUntil: hoursFromNow(24) })).status).toBe(201);

    for (const reader of [patient, grantee]) {
      const seen: string[] = [];
      let url: string | undefined = `/fhir/Appointment?patient=Patient/${patientId}&_count=1`;
      for (let pages = 0; url !== undefined && pages < 10; pages += 1) {
        const page = await as(gateway, reader).get(url);
        expect(page.status).toBe(200);
        const bundle = page.body as { type: string; entry?: { resource: { id: string } }[]; link: { relation: string; url: string }[] };
        expect(bundle.type).toBe('searchset');
        expect(r4Errors(bundle)).toEqual([]);
        seen.push(...(bundle.entry ?? []).map((entry) => entry.resource.id));
        const next = bundle.link.find((link) => link.relation === 'next')?.url;
        url = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
      }
      expect(new Set(seen).size).toBe(3);
    }
    const recent = await as(gateway, patient).get(`/fhir/Appointment?patient=${patientId}&_lastUpdated=ge2020-01-01`);
    const entriesOf = (response: { body: unknown }) => (response.body as { entry?: { resource: { meta?: { lastUpdated?: string } } }[] }).entry ?? [];
    expect(entriesOf(recent)).toHaveLength(3);
    expect(entriesOf(recent).every((entry) => typeof entry.resource.meta?.lastUpdated === 'string')).toBe(true);
    expect(entriesOf(await as(gateway, patient).get(`/fhir/Appointment?patient=${patientId}&_lastUpdated=lt2020-01-01`))).toEqual([]);
    expect((await as(gateway, patient).get(`/fhir/Appointment?patient=${patientId}&_lastUpdated=yesterday`)).status).toBe(400);
    const proposed = await as(gateway, patient).get(`/fhir/Appointment?patient=${patientId}&status=proposed`);
    expect((proposed.body as { entry: unknown[] }).entry).toHaveLength(3);
    const booked = await as(gateway, patient).get(`/fhir/Appointment?patient=${patientId}&status=booked`);
    expect(booked.body).not.toHaveProperty('entry');
  });
});
