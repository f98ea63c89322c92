import { createHash } from 'node:crypto';
import request from 'supertest';
import { z } from 'zod';
import { createTestGateway, ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { fileOperations } from '../records/file-operations';
import { as, grantTreatment, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { fileIdOf, upload } from '../../acceptance/test-support/uploads';
import { bodyOf, codeOf, including, matching, pageIn, pageWith, resourceOf } from '../../test-support/response-body';
import { createLedgerClockGateway, later } from '../../acceptance/test-support/ledger-clock-gateway';

/**
 * Runs in both modes (jest.config.js): embedded on the ledger-clock gateway, and against the native
 * network. Stories that cross a deadline by moving the clock are in visits-deadlines-story.test.ts.
 */
const storyGateway = (): TestGateway => (ledgerUnderTest() === 'fabric' ? createTestGateway({ ledger: 'fabric' }) : createLedgerClockGateway());

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** Collects a response body as bytes, whatever its media type. */
function bytes(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    callback(null, Buffer.concat(chunks));
  });
}

const documented = (gateway: TestGateway, path: string, method: 'get' | 'post') => {
  const route = fileOperations(gateway.services.files).find((candidate) => candidate.path === path && candidate.method === method);
  if (route === undefined) {
    throw new Error(`${method} ${path} is not documented`);
  }
  return route.response.schema;
};

describe('appointments and hospital services over REST', () => {
  const { gateway, actors } = useGatewayAndActors(storyGateway);

  it('when the patient rejects a proposal or cancels, then the appointment returns to requested and then ends cancelled, and the doctor cannot decline it any more', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const booked = await as(gateway, patient).post('/appointments').send({ providerId: doctor.principal.stakeholderId, startsAt: later(gateway, 2), endsAt: later(gateway, 3), reason: 'check-up' });
    const path = `/appointments/${resourceOf(booked).id}`;

    await as(gateway, doctor).post(`${path}/proposal`).send({ startsAt: later(gateway, 5), endsAt: later(gateway, 6) });
    const rejected = await as(gateway, patient).post(`${path}/proposal-rejection`).send({});
    const cancelled = await as(gateway, patient).post(`${path}/cancellation`).send({});
    const declined = await as(gateway, doctor).post(`${path}/decline`).send({});

    expect(rejected.body).toMatchObject({ status: 'requested', startsAt: resourceOf(booked).startsAt });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: patient.principal.stakeholderId });
    expect(declined.status).toBe(409);
    expect(codeOf(declined)).toBe('INVALID_STATE');
  });

  it('when a patient books, then the response names the grant letting that doctor read the reason; it is in the patient’s consents, revocable, and it ends with the appointment', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const otherDoctor = await actors.person('doctor');
    const book = () => as(gateway, patient).post('/appointments').send({ providerId: doctor.principal.stakeholderId, startsAt: later(gateway, 2), endsAt: later(gateway, 3), reason: 'recurring headaches' });
    const booked = await book();
    expect(booked.status).toBe(201);
    const { id: appointmentId, workflowGrantId } = resourceOf(booked);
    expect(workflowGrantId).toMatch(/^grant-/);
    expect(resourceOf(await as(gateway, patient).get(`/appointments/${appointmentId}`)).workflowGrantId).toBe(workflowGrantId);
    expect(pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items).toEqual([
      expect.objectContaining({ id: workflowGrantId, granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { recordIds: [appointmentId] }, purpose: 'TREAT', workflow: { type: 'appointment', id: appointmentId } }),
    ]);

    const read = await as(gateway, doctor).post(`/appointments/${appointmentId}/detail-reads`).send({});
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ details: { reason: 'recurring headaches' }, basis: 'grant' });
    const stranger = await as(gateway, otherDoctor).post(`/appointments/${appointmentId}/detail-reads`).send({});
    expect(codeOf(stranger)).toBe('CONSENT_REQUIRED');

    const revoked = await as(gateway, patient).delete(`/consents/${String(workflowGrantId)}`);
    expect(revoked.status).toBeLessThan(300);
    const afterRevoke = await as(gateway, doctor).post(`/appointments/${appointmentId}/detail-reads`).send({});
    expect(codeOf(afterRevoke)).toBe('CONSENT_REQUIRED');

    const second = resourceOf(await book());
    await as(gateway, patient).post(`/appointments/${second.id}/cancellation`).send({});
    const ended = pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items.find((grant) => grant.id === second.workflowGrantId);
    expect(ended).toMatchObject({ status: 'ended', effectiveStatus: 'ended', workflow: { outcome: 'cancelled' } });
    expect(codeOf(await as(gateway, doctor).post(`/appointments/${second.id}/detail-reads`).send({}))).toBe('CONSENT_REQUIRED');
  });

  it('when a patient asks for an estimate, the hospital quotes, the patient accepts and pays cash, the hospital confirms and attaches a report uploaded with POST /files, then the request ends reported', async () => {
    const patient = await actors.person('patient');
    const hospital: Actor = await actors.person('hospital');
    const patientId = patient.principal.stakeholderId;
    const details = 'MRI of the left knee after a sports injury';

    const requested = await as(gateway, patient).post('/hospital-services').send({ hospitalId: hospital.principal.stakeholderId, serviceCode: 'IMG.MRI-KNEE', details });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ patientId, status: 'requested', serviceCode: 'IMG.MRI-KNEE' });
    const requestId = resourceOf(requested).id;
    const path = `/hospital-services/${requestId}`;

    const quoted = await as(gateway, hospital).post(`${path}/quote`).send({ priceMinor: 45000, currency: 'EUR', validUntil: later(gateway, 24 * 7) });
    const accepted = await as(gateway, patient).post(`${path}/acceptance`).send({});
    const paid = await as(gateway, patient).post(`${path}/payment`).send({ method: 'cash', reference: 'receipt-2031' });
    const confirmed = await as(gateway, hospital).post(`${path}/payment-confirmation`).send({});
    expect([quoted.status, accepted.status, paid.status, confirmed.status]).toEqual([200, 200, 200, 200]);
    expect(paid.body).toMatchObject({ status: 'paid', paymentMethod: 'cash', paymentRef: 'receipt-2031' });

    // Paying let the hospital upload exactly the planned report file: no manual grant.
    const { plannedReportFileId, workflowGrantId } = resourceOf(paid);
    expect(pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items).toEqual([
      expect.objectContaining({ id: workflowGrantId, actions: ['edit'], scope: { recordIds: [plannedReportFileId] }, effectiveStatus: 'active', workflow: { type: 'service-request', id: requestId } }),
    ]);
    const report = await upload(gateway, hospital, { patientId, category: 'imaging', fileName: 'mri-report.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.7 report'), fileId: String(plannedReportFileId) });
    expect({ status: report.status, body: report.status === 201 ? 'ok' : bodyOf(report, z.unknown()) }).toEqual({ status: 201, body: 'ok' });
    expect(documented(gateway, '/files', 'post').safeParse(report.body).success).toBe(true);

    const reportFileId = fileIdOf(report);
    const reported = await as(gateway, hospital).post(`${path}/report`).send({ fileId: reportFileId });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'reported', reportFileId });
    expect(reportFileId).toBe(plannedReportFileId);
    expect(pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items).toEqual([
      expect.objectContaining({ id: workflowGrantId, effectiveStatus: 'ended', workflow: { type: 'service-request', id: requestId, outcome: 'reported', endedAt: expect.any(String) as string } }),
    ]);

    const files = await as(gateway, patient).get(`/patients/${patientId}/files`);
    expect(pageWith(files, z.unknown()).items).toEqual([expect.objectContaining({ file: including({ fileId: reportFileId, category: 'imaging' }) })]);
    expect(pageIn(await as(gateway, hospital).get('/me/hospital-services?status=reported')).items).toEqual([expect.objectContaining({ id: requestId })]);
    const own = await as(gateway, patient).post(`${path}/detail-reads`).send({});
    expect(own.body).toMatchObject({ details: { details }, basis: 'owner' });
    expect(JSON.stringify(gateway.logs.entries())).not.toContain(details);
  });

  it('when a patient uploads a corrected version of a doctor-authored file as an amendment and a doctor with an edit grant approves it, then version 2 downloads byte for byte, and a second proposal can be withdrawn', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    await grantTreatment(gateway, patient, doctor, { actions: ['view', 'edit'], categories: ['lab'], validFrom: later(gateway, 0), validUntil: later(gateway, 24) });
    const fileId = fileIdOf(await upload(gateway, doctor, { patientId, category: 'lab', fileName: 'ferritin.txt', mediaType: 'text/plain', content: 'ferritin 12 ng/ml' }));
    const corrected = Buffer.from('ferritin 12 µg/l, measured 2026-03-01\n', 'utf8');
    const propose = (content: Buffer, reason: string) =>
      request(gateway.app)
        .post(`/files/${fileId}/amendments`)
        .set(...patient.header)
        .set('Content-Type', 'text/plain')
        .set('X-Amendment-Reason', encodeURIComponent(reason))
        .set('X-File-Name', 'ferritin-corrected.txt')
        .send(content);

    const proposed = await propose(corrected, 'the unit is wrong');
    expect({ status: proposed.status, body: proposed.status === 201 ? 'ok' : bodyOf(proposed, z.unknown()) }).toEqual({ status: 201, body: 'ok' });
    expect(proposed.body).toMatchObject({ fileId, baseVersion: 1, status: 'pending', proposedBy: patientId, contentSha256: sha256(corrected), sizeBytes: corrected.length, mediaType: 'text/plain' });
    expect(documented(gateway, '/files/{fileId}/amendments', 'post').safeParse(proposed.body).error?.issues ?? []).toEqual([]);
    const amendmentId = resourceOf(proposed).id;
    const wrongHash = await as(gateway, doctor).post(`/amendments/${amendmentId}/approval`).send({ contentSha256: 'c'.repeat(64) });
    const approved = await as(gateway, doctor).post(`/amendments/${amendmentId}/approval`).send({ contentSha256: sha256(corrected) });
    expect(codeOf(wrongHash)).toBe('HASH_MISMATCH');
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ amendment: { status: 'approved', resultingVersion: 2 }, file: { latestVersion: 2 }, latest: { version: 2, amendmentId: amendmentId, approvedBy: doctor.principal.stakeholderId } });

    const byPatient = await as(gateway, patient).get(`/files/${fileId}/content?version=2`).buffer(true).parse(bytes);
    const byDoctor = await as(gateway, doctor).get(`/files/${fileId}/content`).buffer(true).parse(bytes);
    expect({ status: byPatient.status, version: byPatient.headers['x-file-version'], type: byPatient.headers['content-type'] }).toEqual({ status: 200, version: '2', type: matching(/^text\/plain/) });
    expect(Buffer.compare(byPatient.body as Buffer, corrected)).toBe(0);
    expect(Buffer.compare(byDoctor.body as Buffer, corrected)).toBe(0);
    expect((await as(gateway, patient).get(`/files/${fileId}/content?version=1`)).text).toBe('ferritin 12 ng/ml');

    const second = await propose(Buffer.from('ferritin 12 µg/l'), 'and the date');
    const withdrawn = await as(gateway, patient).post(`/amendments/${resourceOf(second).id}/rejection`).send({});
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const list = await as(gateway, doctor).get(`/files/${fileId}/amendments`);
    expect(pageIn(list).items.map((item) => item.status)).toEqual(['approved', 'withdrawn']);
    expect(JSON.stringify(gateway.logs.entries())).not.toContain('the unit is wrong');
  });
});
