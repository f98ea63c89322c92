import request from 'supertest';
import { APPOINTMENT_STATUSES as CHAINCODE_APPOINTMENT_STATUSES } from '../../../chaincode/src/models/appointment';
import { PAYMENT_METHODS as CHAINCODE_PAYMENT_METHODS, SERVICE_STATUSES as CHAINCODE_SERVICE_STATUSES } from '../../../chaincode/src/models/service-request';
import { HOUR } from '../test-support/manual-clock';
import type { TestGateway } from '../test-support/test-gateway';
import { HAND_WRITTEN_ROUTES } from './resources/hand-written-routes';
import { Actors, as, type Actor } from './test-support/actors';
import { createLedgerClockGateway } from './test-support/ledger-clock-gateway';
import { APPOINTMENT_STATUSES, PAYMENT_METHODS, SERVICE_STATUSES } from './visit-models';

/**
 * An ISO instant this many hours after the gateway's (and the ledger's) clock. Grants pass validFrom
 * explicitly: the REST router's own clock is the wall clock (app.ts passes none), a little ahead of
 * the manual one, so a defaulted validFrom would not yet be valid on this ledger.
 */
const later = (gateway: TestGateway, hours: number): string => new Date(gateway.clock.now().getTime() + hours * HOUR).toISOString();

const documented = (path: string, method: 'get' | 'post') => {
  const route = HAND_WRITTEN_ROUTES.find((candidate) => candidate.path === path && candidate.method === method);
  if (route === undefined) {
    throw new Error(`${method} ${path} is not documented`);
  }
  return route.response.schema;
};

describe('appointments and hospital services over REST', () => {
  let gateway: TestGateway;
  let actors: Actors;

  beforeEach(() => {
    gateway = createLedgerClockGateway();
    actors = new Actors(gateway);
  });

  afterEach(() => gateway.close());

  it('when a patient books a verified doctor, the doctor proposes another time, the patient accepts and the doctor completes after the start, then each step answers 200 and the reason is read only under a grant, logged, and never in the gateway logs', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    const reason = 'Recurring chest pain after climbing stairs';

    const booked = await as(gateway, patient)
      .post('/appointments')
      .send({ providerId: doctor.principal.stakeholderId, startsAt: later(gateway, 24), endsAt: later(gateway, 24.5), reason });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ patientId, providerId: doctor.principal.stakeholderId, providerRole: 'doctor', status: 'requested' });
    expect(JSON.stringify(booked.body)).not.toContain(reason);
    const path = `/appointments/${booked.body.id}`;

    const inbox = await as(gateway, doctor).get('/me/appointments?status=requested');
    expect(inbox.body).toEqual({ items: [expect.objectContaining({ id: booked.body.id })], nextCursor: null });

    const newStart = later(gateway, 48);
    const proposed = await as(gateway, doctor).post(`${path}/proposal`).send({ startsAt: newStart, endsAt: later(gateway, 48.5) });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedStartsAt: newStart });

    const accepted = await as(gateway, patient).post(`${path}/proposal-acceptance`).send({});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'confirmed', startsAt: newStart });
    expect(accepted.body.proposedStartsAt).toBeUndefined();

    const early = await as(gateway, doctor).post(`${path}/completion`).send({});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('DEADLINE_NOT_REACHED');

    gateway.clock.advance(49 * HOUR);
    const completed = await as(gateway, doctor).post(`${path}/completion`).send({});
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed' });
    expect((await as(gateway, patient).get(`/patients/${patientId}/appointments?status=completed`)).body.items).toEqual([expect.objectContaining({ id: booked.body.id })]);

    const withoutGrant = await as(gateway, doctor).post(`${path}/detail-reads`).send({});
    expect(withoutGrant.status).toBe(403);
    expect(withoutGrant.body.code).toBe('CONSENT_REQUIRED');
    const grant = await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { recordIds: [booked.body.id] }, purpose: 'treatment', validFrom: later(gateway, 0), validUntil: later(gateway, 24) });
    expect(grant.status).toBe(201);

    const read = await as(gateway, doctor).post(`${path}/detail-reads`).send({});
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ appointment: { id: booked.body.id, status: 'completed' }, details: { reason }, basis: 'grant' });

    const log = await as(gateway, patient).get('/me/access-log');
    expect(log.body.items).toEqual([expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'appointment', recordId: booked.body.id, basis: 'grant' })]);
    expect(JSON.stringify(gateway.logs.entries())).not.toContain(reason);
  });

  it('when the patient rejects a proposal or cancels, then the appointment returns to requested and then ends cancelled, and the doctor cannot decline it any more', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const booked = await as(gateway, patient).post('/appointments').send({ providerId: doctor.principal.stakeholderId, startsAt: later(gateway, 2), endsAt: later(gateway, 3), reason: 'check-up' });
    const path = `/appointments/${booked.body.id}`;

    await as(gateway, doctor).post(`${path}/proposal`).send({ startsAt: later(gateway, 5), endsAt: later(gateway, 6) });
    const rejected = await as(gateway, patient).post(`${path}/proposal-rejection`).send({});
    const cancelled = await as(gateway, patient).post(`${path}/cancellation`).send({});
    const declined = await as(gateway, doctor).post(`${path}/decline`).send({});

    expect(rejected.body).toMatchObject({ status: 'requested', startsAt: booked.body.startsAt });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: patient.principal.stakeholderId });
    expect(declined.status).toBe(409);
    expect(declined.body.code).toBe('INVALID_STATE');
  });

  it('when a patient asks for an estimate, the hospital quotes, the patient accepts and pays cash, the hospital confirms and attaches a report uploaded with POST /files, then the request ends reported', async () => {
    const patient = await actors.person('patient');
    const hospital: Actor = await actors.person('hospital');
    const patientId = patient.principal.stakeholderId;
    const details = 'MRI of the left knee after a sports injury';

    const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'IMG.MRI-KNEE', details });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ patientId, status: 'requested', serviceCode: 'IMG.MRI-KNEE' });
    const path = `/hospital-services/${requested.body.id}`;

    const quoted = await as(gateway, hospital).post(`${path}/quote`).send({ priceMinor: 45000, currency: 'EUR', validUntil: later(gateway, 24 * 7) });
    const accepted = await as(gateway, patient).post(`${path}/acceptance`).send({});
    const paid = await as(gateway, patient).post(`${path}/payment`).send({ method: 'cash', reference: 'receipt-2031' });
    const confirmed = await as(gateway, hospital).post(`${path}/payment-confirmation`).send({});
    expect([quoted.status, accepted.status, paid.status, confirmed.status]).toEqual([200, 200, 200, 200]);
    expect(paid.body).toMatchObject({ status: 'paid', paymentMethod: 'cash', paymentRef: 'receipt-2031' });

    // The hospital needs an edit grant on imaging to upload the report for the patient.
    await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: hospital.principal.stakeholderId, actions: ['view', 'edit'], scope: { categories: ['imaging'] }, purpose: 'treatment', validFrom: later(gateway, 0), validUntil: later(gateway, 24) });
    const upload = await request(gateway.app)
      .post('/files')
      .set(...hospital.header)
      .set('Content-Type', 'application/pdf')
      .set('X-Patient-Id', patientId)
      .set('X-Category', 'imaging')
      .set('X-File-Name', 'mri-report.pdf')
      .send(Buffer.from('%PDF-1.7 report'));
    expect({ status: upload.status, body: upload.status === 201 ? 'ok' : upload.body }).toEqual({ status: 201, body: 'ok' });
    expect(documented('/files', 'post').safeParse(upload.body).success).toBe(true);

    const reported = await as(gateway, hospital).post(`${path}/report`).send({ fileId: upload.body.file.fileId });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'reported', reportFileId: upload.body.file.fileId });

    const files = await as(gateway, patient).get(`/patients/${patientId}/files`);
    expect(files.body.items).toEqual([expect.objectContaining({ file: expect.objectContaining({ fileId: upload.body.file.fileId, category: 'imaging' }) })]);
    expect((await as(gateway, hospital).get('/me/hospital-services?status=reported')).body.items).toEqual([expect.objectContaining({ id: requested.body.id })]);
    const own = await as(gateway, patient).post(`${path}/detail-reads`).send({});
    expect(own.body).toMatchObject({ details: { details }, basis: 'owner' });
    expect(JSON.stringify(gateway.logs.entries())).not.toContain(details);
  });

  it('when the hospital misses the 72-hour quote deadline, then the patient may cancel, although not before it passes', async () => {
    const patient = await actors.person('patient');
    const hospital = await actors.person('hospital');
    const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' });
    const path = `/hospital-services/${requested.body.id}`;

    const tooEarly = await as(gateway, patient).post(`${path}/cancellation`).send({});
    gateway.clock.advance(73 * HOUR);
    const lateQuote = await as(gateway, hospital).post(`${path}/quote`).send({ priceMinor: 1200, currency: 'EUR', validUntil: later(gateway, 24) });
    const cancelled = await as(gateway, patient).post(`${path}/cancellation`).send({});

    expect(tooEarly.body.code).toBe('DEADLINE_NOT_REACHED');
    expect(lateQuote.body.code).toBe('DEADLINE_PASSED');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: patient.principal.stakeholderId });
  });

  it('when a patient proposes an amendment of a doctor-authored file, then a doctor with an edit grant approves it as version 2, and a second proposal can be withdrawn', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: doctor.principal.stakeholderId, actions: ['view', 'edit'], scope: { categories: ['lab'] }, purpose: 'treatment', validFrom: later(gateway, 0), validUntil: later(gateway, 24) });
    const upload = await request(gateway.app)
      .post('/files')
      .set(...doctor.header)
      .set('Content-Type', 'text/plain')
      .set('X-Patient-Id', patientId)
      .set('X-Category', 'lab')
      .set('X-File-Name', 'ferritin.txt')
      .send('ferritin 12 ng/ml');
    const fileId = upload.body.file.fileId as string;
    const corrected = { contentSha256: 'a'.repeat(64), ciphertextSha256: 'b'.repeat(64), sizeBytes: 17, mediaType: 'text/plain', storageRef: 'sha256:' + 'b'.repeat(64) };

    const proposed = await as(gateway, patient).post(`/files/${fileId}/amendments`).send({ ...corrected, reason: 'the unit is wrong' });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ fileId, baseVersion: 1, status: 'pending', proposedBy: patientId });
    const wrongHash = await as(gateway, doctor).post(`/amendments/${proposed.body.id}/approval`).send({ contentSha256: 'c'.repeat(64) });
    const approved = await as(gateway, doctor).post(`/amendments/${proposed.body.id}/approval`).send({ contentSha256: corrected.contentSha256 });
    expect(wrongHash.body.code).toBe('HASH_MISMATCH');
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ amendment: { status: 'approved', resultingVersion: 2 }, file: { latestVersion: 2 }, latest: { version: 2, amendmentId: proposed.body.id, approvedBy: doctor.principal.stakeholderId } });

    const second = await as(gateway, patient).post(`/files/${fileId}/amendments`).send({ ...corrected, reason: 'and the date' });
    const withdrawn = await as(gateway, patient).post(`/amendments/${second.body.id}/rejection`).send({});
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const list = await as(gateway, doctor).get(`/files/${fileId}/amendments`);
    expect(list.body.items.map((item: { status: string }) => item.status)).toEqual(['approved', 'withdrawn']);
    expect(JSON.stringify(gateway.logs.entries())).not.toContain('the unit is wrong');
  });

  it('when the edge status lists are compared with the chaincode models, then they are the same', () => {
    expect([...APPOINTMENT_STATUSES]).toEqual([...CHAINCODE_APPOINTMENT_STATUSES]);
    expect([...SERVICE_STATUSES]).toEqual([...CHAINCODE_SERVICE_STATUSES]);
    expect([...PAYMENT_METHODS]).toEqual([...CHAINCODE_PAYMENT_METHODS]);
  });
});
