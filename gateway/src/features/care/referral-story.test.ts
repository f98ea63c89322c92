import { z } from 'zod';
import { createTestGateway, ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { as, grantTreatment, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { fileIdOf, upload } from '../../acceptance/test-support/uploads';
import { bodyOf, codeOf, pageIn, resourceOf } from '../../test-support/response-body';
import { createLedgerClockGateway, later } from '../../acceptance/test-support/ledger-clock-gateway';

/**
 * Runs in both modes (jest.config.js): embedded on the ledger-clock gateway, and against the native
 * network. The review deadline's story moves the clock, so it is embedded only (care-deadlines-story.test.ts).
 */
const storyGateway = (): TestGateway => (ledgerUnderTest() === 'fabric' ? createTestGateway({ ledger: 'fabric' }) : createLedgerClockGateway());

describe('referrals, price lists and report review over REST', () => {
  const { gateway, actors } = useGatewayAndActors(storyGateway);
  const reason = 'Suspected meniscus tear after a fall; swelling for two weeks';
  const dispute = 'The report names the right knee; the scan was of the left';

  async function consentToRefer(patient: Actor, doctor: Actor): Promise<void> {
    const granted = await grantTreatment(gateway, patient, doctor, { actions: ['edit'], categories: ['billing'], validFrom: later(gateway, 0), validUntil: later(gateway, 24) });
    expect(granted.status).toBe(201);
  }

  it('when a doctor refers with consent, the patient accepts, the hospital quotes, is paid and reports, and the patient disputes, then each party sees what it should and the texts stay private', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const hospital = await actors.organisation('hospital');
    const patientId = patient.principal.stakeholderId;
    const hospitalId = hospital.principal.stakeholderId;
    const items = [{ code: 'IMG-MRI-KNEE', name: 'MRI of one knee', price: 45000, currency: 'EUR' }];

    const published = await as(gateway, hospital).put(`/hospitals/${hospitalId}/price-list`).send({ items });
    expect(published.status).toBe(200);
    expect((await as(gateway, patient).get(`/hospitals/${hospitalId}/price-list`)).body).toMatchObject({ hospitalId, items });

    await consentToRefer(patient, doctor);
    const referred = await as(gateway, doctor).post('/referrals').send({ patientId, hospitalId, serviceCode: 'IMG-MRI-KNEE', details: reason, purposeOfUse: 'TREAT' });
    expect(referred.status).toBe(201);
    expect(referred.body).toMatchObject({ patientId, hospitalId, status: 'referred', referredBy: doctor.principal.stakeholderId, serviceCode: 'IMG-MRI-KNEE' });
    const requestId = resourceOf(referred).id;
    const path = `/hospital-services/${requestId}`;

    // Before the patient answers, the hospital does not see the referral.
    expect(pageIn(await as(gateway, hospital).get('/me/hospital-services')).items.map((item) => item.id)).not.toContain(requestId);
    expect(codeOf(await as(gateway, hospital).get(path))).toBe('NOT_OWNER');
    expect(pageIn(await as(gateway, doctor).get('/me/referrals?status=referred')).items.map((item) => item.id)).toEqual([requestId]);
    expect(pageIn(await as(gateway, patient).get(`/patients/${patientId}/hospital-services?status=referred`)).items.map((item) => item.id)).toEqual([requestId]);

    const accepted = await as(gateway, patient).post(`${path}/referral-acceptance`).send({});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'requested', referralGrantId: expect.stringMatching(/^grant-/) as string });
    expect(pageIn(await as(gateway, hospital).get('/me/hospital-services?status=requested')).items.map((item) => item.id)).toEqual([requestId]);
    const hospitalRead = await as(gateway, hospital).post(`${path}/detail-reads`).send({});
    expect(hospitalRead.body).toMatchObject({ details: { details: reason }, basis: 'grant' });

    await as(gateway, hospital).post(`${path}/quote`).send({ priceMinor: 45000, currency: 'EUR', validUntil: later(gateway, 24 * 7) });
    await as(gateway, patient).post(`${path}/acceptance`).send({});
    const paid = await as(gateway, patient).post(`${path}/payment`).send({ method: 'online', reference: 'pay-knee-0001' });
    await as(gateway, hospital).post(`${path}/payment-confirmation`).send({});
    const report = await upload(gateway, hospital, { patientId, category: 'imaging', fileName: 'mri.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.7 knee'), fileId: String(resourceOf(paid).plannedReportFileId) });
    expect({ status: report.status, body: report.status === 201 ? 'ok' : bodyOf(report, z.unknown()) }).toEqual({ status: 201, body: 'ok' });
    const reported = await as(gateway, hospital).post(`${path}/report`).send({ fileId: fileIdOf(report) });
    expect(reported.body).toMatchObject({ status: 'reported', reportReview: 'pending', reportReviewDeadline: expect.any(String) as string });

    const refusedByHospital = await as(gateway, hospital).post(`${path}/report-dispute`).send({ reason: dispute });
    expect(refusedByHospital.status).toBe(403);
    const disputed = await as(gateway, patient).post(`${path}/report-dispute`).send({ reason: dispute });
    expect(disputed.status).toBe(200);
    expect(disputed.body).toMatchObject({ reportReview: 'disputed' });
    expect(codeOf(await as(gateway, patient).post(`${path}/report-acceptance`).send({}))).toBe('INVALID_STATE');

    expect(pageIn(await as(gateway, hospital).get('/me/hospital-services?status=reported')).items).toEqual([expect.objectContaining({ id: requestId, reportReview: 'disputed' })]);
    const disputeRead = await as(gateway, hospital).post(`${path}/dispute-reads`).send({});
    expect(disputeRead.status).toBe(200);
    expect(disputeRead.body).toMatchObject({ dispute: { reason: dispute }, basis: 'party' });
    const log = pageIn(await as(gateway, patient).get('/me/access-log?limit=100')).items;
    expect(log).toContainEqual(expect.objectContaining({ accessorId: hospital.principal.stakeholderId, resourceType: 'service-report-dispute', resourceId: requestId }));
    expect(log).toContainEqual(expect.objectContaining({ accessorId: doctor.principal.stakeholderId, action: 'edit', resourceId: requestId }));

    const logs = JSON.stringify(gateway.logs.entries());
    expect(logs).not.toContain(reason);
    expect(logs).not.toContain(dispute);
    expect(JSON.stringify(referred.body)).not.toContain(reason);
  });

  it('when a doctor refers without consent, or names a code off the price list, then 403 CONSENT_REQUIRED or 400; a declined referral never reaches the hospital', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const hospital = await actors.organisation('hospital');
    const patientId = patient.principal.stakeholderId;
    const hospitalId = hospital.principal.stakeholderId;
    const refer = (body: Record<string, unknown> = {}) => as(gateway, doctor).post('/referrals').send({ patientId, hospitalId, details: reason, ...body });

    const withoutConsent = await refer();
    expect({ status: withoutConsent.status, code: codeOf(withoutConsent) }).toEqual({ status: 403, code: 'CONSENT_REQUIRED' });

    await consentToRefer(patient, doctor);
    await as(gateway, hospital).put(`/hospitals/${hospitalId}/price-list`).send({ items: [{ code: 'LAB-CBC', name: 'Blood count', price: 1500, currency: 'EUR' }] });
    const offList = await refer({ serviceCode: 'IMG-MRI' });
    expect({ status: offList.status, code: codeOf(offList) }).toEqual({ status: 400, code: 'INVALID_ARGUMENT' });
    const forEmergencies = await refer({ purposeOfUse: 'ETREAT' });
    expect(codeOf(forEmergencies)).toBe('CONSENT_REQUIRED');

    const referred = await refer();
    expect(referred.status).toBe(201);
    const path = `/hospital-services/${resourceOf(referred).id}`;
    expect(codeOf(await as(gateway, doctor).post(`${path}/referral-decline`).send({}))).toBe('ROLE_FORBIDDEN');
    const declined = await as(gateway, patient).post(`${path}/referral-decline`).send({});
    expect(declined.body).toMatchObject({ status: 'declined' });
    expect(codeOf(await as(gateway, patient).post(`${path}/referral-acceptance`).send({}))).toBe('INVALID_STATE');
    expect(pageIn(await as(gateway, hospital).get('/me/hospital-services')).items).toEqual([]);
    expect(pageIn(await as(gateway, doctor).get('/me/referrals?status=declined')).items.map((item) => item.id)).toEqual([resourceOf(referred).id]);
  });

  it('when a hospital publishes another hospital’s price list or a bad one, then 403 or 422; before any list, reading it is 404', async () => {
    const hospital = await actors.organisation('hospital');
    const other = await actors.organisation('hospital');
    const item = { code: 'LAB-CBC', name: 'Blood count', price: 1500, currency: 'EUR' };
    const put = (path: string, items: unknown[]) => as(gateway, hospital).put(`/hospitals/${path}/price-list`).send({ items });

    expect(codeOf(await as(gateway, hospital).get(`/hospitals/${other.principal.stakeholderId}/price-list`))).toBe('NOT_FOUND');
    expect(codeOf(await put(other.principal.stakeholderId, [item]))).toBe('NOT_OWNER');
    for (const bad of [[item, item], [{ ...item, code: 'lab' }], [{ ...item, price: -1 }], [{ ...item, name: ' ' }], [{ ...item, extra: 1 }]]) {
      expect((await put(hospital.principal.stakeholderId, bad)).status).toBe(422);
    }
    expect(codeOf(await as(gateway, hospital).get(`/hospitals/${hospital.principal.stakeholderId}/price-list`))).toBe('NOT_FOUND');
  });
});
