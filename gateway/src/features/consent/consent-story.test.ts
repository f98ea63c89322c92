import { createTestGateway, ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { Actors, as, hoursFromNow } from '../../acceptance/test-support/actors';

describe('the consent story over REST', () => {
  let gateway: TestGateway;
  let actors: Actors;

  beforeEach(() => {
    gateway = createTestGateway({ ledger: ledgerUnderTest() });
    actors = new Actors(gateway);
  });

  afterEach(() => gateway.close());

  it('when a doctor requests access, the patient approves view on lab for 24 hours, the doctor reads, the patient revokes, then the doctor gets 403 and the patient sees every access in the log', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;

    const requested = await as(gateway, doctor)
      .post('/access-requests')
      .send({ patientId, actions: ['view', 'edit'], scope: { categories: ['lab', 'imaging'] }, purpose: 'TREAT', validUntil: hoursFromNow(48) });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ patientId, requesterId: doctor.principal.stakeholderId, status: 'pending' });

    const inbox = await as(gateway, patient).get(`/patients/${patientId}/access-requests`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([requested.body.id]);

    const approved = await as(gateway, patient)
      .post(`/access-requests/${requested.body.id}/approval`)
      .send({ actions: ['view'], scope: { categories: ['lab'] }, validUntil: hoursFromNow(24) });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, effectiveStatus: 'active' });
    expect((await as(gateway, doctor).get(`/access-requests/${requested.body.id}`)).body).toMatchObject({ status: 'approved', grantId: approved.body.id });

    const read = await as(gateway, doctor).post(`/patients/${patientId}/access-checks`).send({ action: 'view', category: 'lab' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ basis: 'grant', grantId: approved.body.id, logEntryId: expect.any(String) });
    const wider = await as(gateway, doctor).post(`/patients/${patientId}/access-checks`).send({ action: 'view', category: 'imaging' });
    expect(wider.status).toBe(403);
    expect(wider.body.code).toBe('CONSENT_REQUIRED');

    const revoked = await as(gateway, patient).delete(`/consents/${approved.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', effectiveStatus: 'revoked' });

    const refused = await as(gateway, doctor).post(`/patients/${patientId}/access-checks`).send({ action: 'view', category: 'lab' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'CONSENT_REQUIRED', status: 403 });

    const log = await as(gateway, patient).get('/me/access-log');
    expect(log.status).toBe(200);
    expect(log.body).toEqual({
      items: [expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'lab', basis: 'grant', grantId: approved.body.id })],
      nextCursor: null,
    });
    expect((await as(gateway, patient).get(`/patients/${patientId}/access-log`)).body.items).toHaveLength(1);
  });

  it('when a patient grants directly and lists, then the grantee sees it under /me/consents and pages follow nextCursor', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    for (const purpose of ['TREAT', 'PATRQT', 'CAREMGT']) {
      const granted = await as(gateway, patient)
        .post('/consents')
        .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose, validUntil: hoursFromNow(24) });
      expect(granted.status).toBe(201);
    }

    const first = await as(gateway, doctor).get('/me/consents?limit=2');
    const second = await as(gateway, doctor).get(`/me/consents?limit=2&cursor=${first.body.nextCursor}`);

    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...first.body.items, ...second.body.items].map((grant: { purpose: string }) => grant.purpose))).toEqual(new Set(['TREAT', 'PATRQT', 'CAREMGT']));
  });
});
