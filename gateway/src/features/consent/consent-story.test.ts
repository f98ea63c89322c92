import { ledgerUnderTest } from '../../test-support/test-gateway';
import { as, hoursFromNow, useGatewayAndActors } from '../../acceptance/test-support/actors';
import { anyOf, codeOf, pageIn, resourceOf } from '../../test-support/response-body';

describe('the consent story over REST', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

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
    const requestId = resourceOf(requested).id;
    expect(pageIn(inbox).items.map((item) => item.id)).toEqual([requestId]);

    const approved = await as(gateway, patient)
      .post(`/access-requests/${requestId}/approval`)
      .send({ actions: ['view'], scope: { categories: ['lab'] }, validUntil: hoursFromNow(24) });
    expect(approved.status).toBe(201);
    const grantId = resourceOf(approved).id;
    expect(approved.body).toMatchObject({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, effectiveStatus: 'active' });
    expect((await as(gateway, doctor).get(`/access-requests/${requestId}`)).body).toMatchObject({ status: 'approved', grantId });

    const read = await as(gateway, doctor).post(`/patients/${patientId}/access-checks`).send({ action: 'view', category: 'lab' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ basis: 'grant', grantId, logEntryId: anyOf(String) });
    const wider = await as(gateway, doctor).post(`/patients/${patientId}/access-checks`).send({ action: 'view', category: 'imaging' });
    expect(wider.status).toBe(403);
    expect(codeOf(wider)).toBe('CONSENT_REQUIRED');

    const revoked = await as(gateway, patient).delete(`/consents/${grantId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', effectiveStatus: 'revoked' });

    const refused = await as(gateway, doctor).post(`/patients/${patientId}/access-checks`).send({ action: 'view', category: 'lab' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'CONSENT_REQUIRED', status: 403 });

    const log = await as(gateway, patient).get('/me/access-log');
    expect(log.status).toBe(200);
    // Newest first, and the two refused checks are recorded too (each as its own transaction).
    expect(log.body).toEqual({
      items: [
        expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'lab', outcome: 'refused', refusalCode: 'CONSENT_REQUIRED' }),
        expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'imaging', outcome: 'refused', refusalCode: 'CONSENT_REQUIRED' }),
        expect.objectContaining({ accessorId: doctor.principal.stakeholderId, category: 'lab', basis: 'grant', grantId, outcome: 'allowed' }),
      ],
      nextCursor: null,
    });
    expect(pageIn(await as(gateway, patient).get(`/patients/${patientId}/access-log`)).items).toHaveLength(3);
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

    const firstResponse = await as(gateway, doctor).get('/me/consents?limit=2');
    const first = pageIn(firstResponse);
    const second = pageIn(await as(gateway, doctor).get(`/me/consents?limit=2&cursor=${String(first.nextCursor)}`));

    expect(firstResponse.status).toBe(200);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(anyOf(String));
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((grant) => grant.purpose))).toEqual(new Set(['TREAT', 'PATRQT', 'CAREMGT']));
  });
});
