import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { sha256Hex } from '../../files/file-test-helpers';
import { filesUnder } from '../../test-support/files-under';
import { problemOf } from '../../test-support/response-body';
import { FILE_NAME, jsonOf, MAX_BYTES, MiB, useFilesGateway, type Caller, type ChainFileView } from './test-support/files-gateway';

/** Uploading, reading and downloading medical files over HTTP, and what is refused. */
describe('/files: medical files off chain', () => {
  const files = useFilesGateway({ MEDLEDGER_FILE_MAX_BYTES: String(MAX_BYTES) });

  describe('upload and download', () => {
    it.each([
      ['0 B', 0],
      ['1 B', 1],
      ['~1 MiB', MiB + 123],
    ])('when a patient uploads %s as a raw body, then the download returns the same bytes with safe headers', async (_label, size) => {
      const patient = await files.person('patient');
      const content = randomBytes(size);

      const created = await files.uploadRaw(patient, content);
      const fetched = await files.download(patient, (created.body as ChainFileView).file.fileId);

      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`/files/${(created.body as ChainFileView).file.fileId}`);
      expect(created.body).toMatchObject({
        file: { patientId: patient.principal.stakeholderId, category: 'lab', latestVersion: 1, status: 'active' },
        latest: { version: 1, sizeBytes: size, contentSha256: sha256Hex(content), mediaType: 'application/pdf', clientEncrypted: false },
      });
      expect(fetched.status).toBe(200);
      expect((fetched.body as Buffer).equals(content)).toBe(true);
      expect(fetched.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(size),
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="Ferritin follow-up _ M_ller.pdf"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
      });
    });

    it.each([
      ['0 B', 0],
      ['1 B', 1],
      ['~1 MiB', MiB - 7],
    ])('when a patient uploads %s as multipart/form-data, then the download returns the same bytes', async (_label, size) => {
      const patient = await files.person('patient');
      const content = randomBytes(size);

      const created = await files.uploadMultipart(patient, content, { 'X-Client-Encrypted': 'true' });
      const fetched = await files.download(patient, (created.body as ChainFileView).file.fileId);

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ latest: { sizeBytes: size, mediaType: 'image/png', clientEncrypted: true } });
      expect(fetched.status).toBe(200);
      expect(fetched.headers['content-type']).toBe('image/png');
      expect((fetched.body as Buffer).equals(content)).toBe(true);
    });

    it('when the metadata and version history are read, then they come from the chain without the file name, and the name is never logged', async () => {
      const patient = await files.person('patient');
      const view = await files.uploaded(patient, Buffer.from('lab report'));

      const metadata = await request(files.gateway.app).get(`/files/${view.file.fileId}`).set(...patient.auth);
      const history = await request(files.gateway.app).get(`/files/${view.file.fileId}/versions`).set(...patient.auth);

      expect(metadata.status).toBe(200);
      expect(metadata.body).toMatchObject({ file: { fileId: view.file.fileId }, latest: { version: 1 } });
      expect(history.body).toMatchObject({ items: [{ version: 1 }] });
      expect(JSON.stringify([metadata.body, history.body])).not.toContain('Ferritin');
      expect(files.gateway.logs.text()).not.toContain('Ferritin');
    });

    it('when a new version is uploaded, then the latest download is the new content and version 1 still downloads unchanged', async () => {
      const patient = await files.person('patient');
      const first = Buffer.from('version one');
      const second = Buffer.from('version two, corrected');
      const view = await files.uploaded(patient, first);

      const added = await request(files.gateway.app)
        .post(`/files/${view.file.fileId}/versions`)
        .set(...patient.auth)
        .set('Content-Type', 'text/plain')
        .set('X-File-Name', 'corrected.txt')
        .send(second);

      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ file: { latestVersion: 2 }, latest: { version: 2, previousVersion: 1, mediaType: 'text/plain' } });
      expect(((await files.download(patient, view.file.fileId)).body as Buffer).equals(second)).toBe(true);
      const old = await files.download(patient, view.file.fileId, 1);
      expect(old.status).toBe(200);
      expect(old.headers['content-type']).toBe('application/pdf');
      expect((old.body as Buffer).equals(first)).toBe(true);
    });
  });


  describe('refusals', () => {
    it('when a doctor without consent asks for the content, then 403 CONSENT_REQUIRED; with a view grant the doctor downloads and the patient sees the access in the log', async () => {
      const patient = await files.person('patient');
      const doctor = await files.person('doctor');
      const content = randomBytes(5000);
      const view = await files.uploaded(patient, content);

      const refused = await files.download(doctor, view.file.fileId);
      expect(refused.status).toBe(403);
      expect(jsonOf(refused)).toMatchObject({ code: 'CONSENT_REQUIRED' });

      const now = Date.now();
      await files.gateway.services.ledger.submit(patient.principal, 'Consent:grant', [
        doctor.principal.stakeholderId,
        JSON.stringify(['view']),
        JSON.stringify({ categories: ['lab'] }),
        'TREAT',
        new Date(now).toISOString(),
        new Date(now + 86_400_000).toISOString(),
      ]);
      const granted = await files.download(doctor, view.file.fileId);

      expect(granted.status).toBe(200);
      expect((granted.body as Buffer).equals(content)).toBe(true);
      const log = JSON.parse(await files.gateway.services.ledger.evaluate(patient.principal, 'AccessLog:listMine', ['100', ''])) as { items: Record<string, unknown>[] };
      expect(log.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ accessorId: doctor.principal.stakeholderId, basis: 'grant', recordId: view.file.fileId, resourceId: `${view.file.fileId}.v1` })]),
      );
    });

    it("when another patient asks for a patient's file, its metadata or uploads for that patient, then each is refused with 403", async () => {
      const patient = await files.person('patient');
      const other = await files.person('patient');
      const view = await files.uploaded(patient, Buffer.from('mine'));

      expect((await files.download(other, view.file.fileId)).status).toBe(403);
      expect((await request(files.gateway.app).get(`/files/${view.file.fileId}`).set(...other.auth)).status).toBe(403);
      expect((await files.uploadRaw(other, Buffer.from('x'), { 'X-Patient-Id': patient.principal.stakeholderId })).status).toBe(403);
      expect(filesUnder(files.blobDir)).toHaveLength(1);
    });

    it('when an unknown file is asked for, then 404; a malformed file ID is 422', async () => {
      const patient = await files.person('patient');

      expect((await files.download(patient, `file-${'0'.repeat(24)}`)).status).toBe(404);
      expect((await request(files.gateway.app).get('/files/not-a-file-id').set(...patient.auth)).status).toBe(422);
    });

    it('when nobody is authenticated, then 401', async () => {
      expect((await request(files.gateway.app).post('/files').set('Content-Type', 'application/pdf').send(Buffer.from('x'))).status).toBe(401);
    });

    it.each([
      ['no patient ID', { 'X-Patient-Id': '' }, 'patientId'],
      ['an unknown category', { 'X-Category': 'genome' }, 'category'],
      ['a bad clientEncrypted flag', { 'X-Client-Encrypted': 'yes' }, 'clientEncrypted'],
    ])('when a raw upload has %s, then 422 names the field and nothing is stored', async (_label, headers, field) => {
      const patient = await files.person('patient');

      const response = await files.uploadRaw(patient, Buffer.from('content'), headers);

      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: field })] });
      expect(filesUnder(files.blobDir)).toEqual([]);
    });

    it.each([
      ['a raw upload', (caller: Caller) => request(files.gateway.app).post('/files').set(...caller.auth).set('Content-Type', 'application/pdf').send(Buffer.from('x'))],
      ['a multipart upload', (caller: Caller) => request(files.gateway.app).post('/files').set(...caller.auth).attach('file', Buffer.from('x'), 'scan.pdf')],
    ])('when %s has no X-Patient-Id and X-Category headers, then 422 names both headers and nothing is stored', async (_label, upload) => {
      const patient = await files.person('patient');

      const response = await upload(patient);

      expect(response.status).toBe(422);
      expect(problemOf(response).detail).toContain('X-Patient-Id header is required');
      expect(problemOf(response).detail).toContain('X-Category header');
      expect(filesUnder(files.blobDir)).toEqual([]);
    });

    it.each([
      ['no X-File-Name', {}, (fileId: string) => fileId],
      ['an empty X-File-Name', { 'X-File-Name': '' }, (fileId: string) => fileId],
      ['a blank X-File-Name', { 'X-File-Name': '%20%09%20' }, (fileId: string) => fileId],
      ['control characters and surrounding spaces', { 'X-File-Name': '%20scan%00%0A.pdf%20' }, () => 'scan.pdf'],
      ['300 characters', { 'X-File-Name': 'a'.repeat(300) }, () => 'a'.repeat(255)],
    ])('when a raw upload has %s, then it is accepted and the chain keeps a name fit to keep (the file ID when none is left)', async (_label, headers, expected) => {
      const patient = await files.person('patient');

      const response = await request(files.gateway.app)
        .post('/files')
        .set(...patient.auth)
        .set({ 'Content-Type': 'application/pdf', 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab', ...headers })
        .send(Buffer.from('content'));
      const fileId = (response.body as ChainFileView).file.fileId;

      expect(response.status).toBe(201);
      expect(await files.downloadedName(patient, fileId)).toBe(expected(fileId));
    });

    it('when a multipart upload has no X-File-Name, then the file part’s own name is kept', async () => {
      const patient = await files.person('patient');

      const response = await files.uploadMultipart(patient, Buffer.from('content'));

      expect(response.status).toBe(201);
      expect(await files.downloadedName(patient, (response.body as ChainFileView).file.fileId)).toBe(FILE_NAME);
    });

    it.each([
      ['a form field (the old place of patientId)', (pending: request.Test) => pending.field('patientId', 'pat-123456').attach('file', Buffer.from('x'), 'a.pdf'), 'unexpected part "patientId"'],
      ['a second file part', (pending: request.Test) => pending.attach('file', Buffer.from('x'), 'a.pdf').attach('other', Buffer.from('y'), 'b.pdf'), 'more than one file part'],
      ['a file part with another name', (pending: request.Test) => pending.attach('upload', Buffer.from('x'), 'a.pdf'), 'unexpected part "upload"'],
    ])('when a multipart upload has %s, then 422 (its one part is file) and nothing is stored', async (_label, body, detail) => {
      const patient = await files.person('patient');

      const response = await body(request(files.gateway.app).post('/files').set(...patient.auth).set({ 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab' }));

      expect(response.status).toBe(422);
      expect(problemOf(response).detail).toContain(detail);
      expect(filesUnder(files.blobDir)).toEqual([]);
    });

    it('when a raw upload is sent as application/json, then 422 points to multipart (the JSON body parser read it as a request)', async () => {
      const patient = await files.person('patient');

      const response = await files.uploadRaw(patient, Buffer.from('{"a":1}'), { 'Content-Type': 'application/json' });

      expect(response.status).toBe(422);
      expect(problemOf(response).detail).toContain('multipart/form-data');
    });

    it('when a multipart request has no file part, then 422', async () => {
      const patient = await files.person('patient');

      const response = await request(files.gateway.app)
        .post('/files')
        .set(...patient.auth)
        .set({ 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab', 'Content-Type': 'multipart/form-data; boundary=x' })
        .send('--x--\r\n');

      expect(response.status).toBe(422);
      expect(problemOf(response).detail).toContain('no file part named "file"');
    });
  });

});
