import request from 'supertest';
import { jsonOf, useFilesGateway, type Caller, type ChainFileView } from './test-support/files-gateway';

/**
 * Confidentiality labels over REST on the embedded ledger: X-Confidentiality at upload, the
 * patient's relabelling, a category grant that stops at R and V files, and break-glass on a V file
 * through its own opening with a second reason.
 */
describe('/files: confidentiality labels (N, R, V)', () => {
  const files = useFilesGateway();

  async function upload(patient: Caller, label?: string): Promise<ChainFileView> {
    const response = await files.uploadRaw(patient, Buffer.from(`content ${label ?? 'default'}`), label === undefined ? {} : { 'X-Confidentiality': label });
    expect(response.status).toBe(201);
    return response.body as ChainFileView;
  }

  async function grantLab(patient: Caller, doctor: Caller): Promise<void> {
    const now = Date.now();
    await files.gateway.services.ledger.submit(patient.principal, 'Consent:grant', [
      doctor.principal.stakeholderId,
      JSON.stringify(['view']),
      JSON.stringify({ categories: ['lab'] }),
      'TREAT',
      new Date(now).toISOString(),
      new Date(now + 86_400_000).toISOString(),
    ]);
  }

  const relabel = (caller: Caller, fileId: string, body: unknown) => request(files.gateway.app).post(`/files/${fileId}/confidentiality`).set(...caller.auth).send(body as object);
  const breakGlass = (doctor: Caller, patient: Caller) =>
    request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/break-glass`).set(...doctor.auth).send({ reason: 'unconscious on arrival' });
  const openRecord = (doctor: Caller, patient: Caller, fileId: string, reason: string) =>
    request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/break-glass/records/${fileId}`).set(...doctor.auth).send({ reason });

  it('when files are uploaded without a label and with R and V, then each view carries its label (default N)', async () => {
    const patient = await files.person('patient');
    const labels = [await upload(patient), await upload(patient, 'R'), await upload(patient, 'V')].map((view) => view.file.confidentiality);
    expect(labels).toEqual(['N', 'R', 'V']);
    const listed = await request(files.gateway.app).get(`/patients/${patient.principal.stakeholderId}/files`).set(...patient.auth);
    expect(listed.status).toBe(200);
    expect((listed.body as { items: ChainFileView[] }).items.map((item) => item.file.confidentiality).sort()).toEqual(['N', 'R', 'V']);
  });

  it.each(['n', 'X', 'RV', ''])('when X-Confidentiality is %j, then the upload is refused with 422 and nothing reaches the chain', async (label) => {
    const patient = await files.person('patient');
    const response = await files.uploadRaw(patient, Buffer.from('content'), { 'X-Confidentiality': label });
    expect(response.status).toBe(422);
    expect(jsonOf(response)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await files.filesOnChain(patient)).toEqual([]);
  });

  it('when a doctor with a lab category grant downloads, then the N file comes and the R file is refused 403 naming the label; relabelled N, it comes too', async () => {
    const patient = await files.person('patient');
    const doctor = await files.person('doctor');
    const normal = await upload(patient);
    const restricted = await upload(patient, 'R');
    await grantLab(patient, doctor);

    expect((await files.download(doctor, normal.file.fileId)).status).toBe(200);
    const refused = await files.download(doctor, restricted.file.fileId);
    expect(refused.status).toBe(403);
    expect(jsonOf(refused)).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(String(jsonOf(refused).detail)).toContain('is labelled R');

    const relabelled = await relabel(patient, restricted.file.fileId, { confidentiality: 'N' });
    expect(relabelled.status).toBe(200);
    expect((relabelled.body as ChainFileView).file.confidentiality).toBe('N');
    expect((await files.download(doctor, restricted.file.fileId)).status).toBe(200);
  });

  it('when the doctor relabels, or the patient sends an unknown label, then 403 and 422, and the label stays', async () => {
    const patient = await files.person('patient');
    const doctor = await files.person('doctor');
    const veryRestricted = await upload(patient, 'V');

    const byDoctor = await relabel(doctor, veryRestricted.file.fileId, { confidentiality: 'N' });
    expect(byDoctor.status).toBe(403);
    for (const body of [{ confidentiality: 'L' }, {}, { confidentiality: 'N', extra: true }]) {
      const invalid = await relabel(patient, veryRestricted.file.fileId, body);
      expect(invalid.status).toBe(422);
      expect(jsonOf(invalid)).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const view = await request(files.gateway.app).get(`/files/${veryRestricted.file.fileId}`).set(...patient.auth);
    expect((view.body as ChainFileView).file.confidentiality).toBe('V');
  });

  it('when a doctor opens a V file within a break-glass window with a second reason, then it answers the opening; without a window, twice or with the same reason it is refused', async () => {
    const patient = await files.person('patient');
    const doctor = await files.person('doctor');
    const veryRestricted = await upload(patient, 'V');
    const normal = await upload(patient);

    const noWindow = await openRecord(doctor, patient, veryRestricted.file.fileId, 'interactions with the antidote');
    expect(noWindow.status).toBe(409);
    expect(jsonOf(noWindow)).toMatchObject({ code: 'INVALID_STATE' });

    const window = await breakGlass(doctor, patient);
    expect(window.status).toBe(201);
    const sameReason = await openRecord(doctor, patient, veryRestricted.file.fileId, 'unconscious on arrival');
    expect(sameReason.status).toBe(400);
    expect(jsonOf(sameReason)).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(String(jsonOf(sameReason).detail)).toContain('own, separate reason');
    const notV = await openRecord(doctor, patient, normal.file.fileId, 'interactions with the antidote');
    expect(notV.status).toBe(409);

    const opened = await openRecord(doctor, patient, veryRestricted.file.fileId, 'interactions with the antidote');
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ recordId: veryRestricted.file.fileId, patientId: patient.principal.stakeholderId, doctorId: doctor.principal.stakeholderId });
    expect(JSON.stringify(opened.body)).not.toContain('antidote');
    expect((await openRecord(doctor, patient, veryRestricted.file.fileId, 'once more')).status).toBe(409);
  });

  it('when a doctor downloads a V file under break-glass, then only ETREAT after the opening succeeds, and the patient’s log shows the refusals and the break-glass read', async () => {
    const patient = await files.person('patient');
    const doctor = await files.person('doctor');
    const veryRestricted = await upload(patient, 'V');
    const content = (purpose?: string) =>
      request(files.gateway.app)
        .get(`/files/${veryRestricted.file.fileId}/content${purpose === undefined ? '' : `?purpose=${purpose}`}`)
        .set(...doctor.auth);
    expect((await breakGlass(doctor, patient)).status).toBe(201);

    const beforeOpening = await content('ETREAT');
    expect(beforeOpening.status).toBe(403);
    expect(String(jsonOf(beforeOpening).detail)).toContain('openBreakGlassRecord');
    expect((await openRecord(doctor, patient, veryRestricted.file.fileId, 'interactions with the antidote')).status).toBe(200);
    const statedTreatment = await content();
    expect(statedTreatment.status).toBe(403);
    expect(String(jsonOf(statedTreatment).detail)).toContain('ETREAT');
    const emergency = await files.download(doctor, veryRestricted.file.fileId, undefined, 'ETREAT');
    expect(emergency.status).toBe(200);
    expect(emergency.body).toEqual(Buffer.from('content V'));

    const log = await request(files.gateway.app).get('/me/access-log').query({ accessor: doctor.principal.stakeholderId }).set(...patient.auth);
    expect(log.status).toBe(200);
    const entries = (log.body as { items: { outcome: string; basis?: string; purpose: string; resourceType: string }[] }).items.filter((entry) => entry.resourceType !== 'list');
    expect(entries.filter((entry) => entry.outcome === 'refused')).toHaveLength(2);
    expect(entries).toContainEqual(expect.objectContaining({ outcome: 'allowed', basis: 'break-glass', purpose: 'ETREAT' }));
  });

  it('when the break-glass reason is blank or the record ID malformed, then 422 before the chain', async () => {
    const patient = await files.person('patient');
    const doctor = await files.person('doctor');
    const veryRestricted = await upload(patient, 'V');
    expect((await openRecord(doctor, patient, veryRestricted.file.fileId, '   ')).status).toBe(422);
    expect((await openRecord(doctor, patient, 'not an id!', 'a reason')).status).toBe(422);
  });
});
