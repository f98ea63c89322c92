import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Response } from 'supertest';
import { LedgerError } from '../../ledger/ledger-port';
import { openJsonFileKeyVault } from '../../files/keys/json-file-key-vault';
import { sha256Hex } from '../../files/file-test-helpers';
import { createLogger } from '../../platform/logging/logger';
import type { Principal, Role } from '../../identity/principals/principal';
import { createTestGateway, samlLogin, TEST_MASTER_KEY, type TestGateway } from '../../test-support/test-gateway';
import { buildFilesFeature } from './files-feature';
import type { ActiveFileVersion, MedicalFileHead } from '@medledger/chaincode';

/** A file's view as these tests upload it: its latest version is live. */
type ChainFileView = { file: MedicalFileHead; latest: ActiveFileVersion };
import { filesUnder } from '../../test-support/files-under';

const MiB = 1024 * 1024;
const MAX_BYTES = 2 * MiB;
const FILE_NAME = 'Ferritin follow-up – Müller.pdf';

interface Caller {
  principal: Principal;
  auth: [string, string];
}

/** Collects any response body as bytes, whatever its media type (an aborted body is superagent's error). */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

function jsonOf(response: Response): Record<string, unknown> {
  return JSON.parse(Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text) as Record<string, unknown>;
}

describe('/files: medical files off chain', () => {
  let dataDir: string;
  let gateway: TestGateway;
  let blobDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'medledger-files-http-'));
    blobDir = join(dataDir, 'files', 'blobs');
    gateway = createTestGateway({ environment: { MEDLEDGER_DATA_DIR: dataDir, MEDLEDGER_FILE_MAX_BYTES: String(MAX_BYTES) } });
  });

  afterEach(async () => {
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function person(role: Role): Promise<Caller> {
    const principal = await gateway.services.principals.signIn(samlLogin(role));
    const { token } = gateway.services.tokens.create(principal, { name: 'files test', scopes: ['read', 'write'], days: 1 });
    if (role === 'doctor') {
      const admin = await person('admin');
      await gateway.services.ledger.submit(admin.principal, 'Stakeholder:verify', [principal.stakeholderId, 'a'.repeat(64)]);
    }
    return { principal, auth: ['Authorization', `Bearer ${token}`] };
  }

  function uploadRaw(caller: Caller, content: Buffer, headers: Record<string, string> = {}) {
    return request(gateway.app)
      .post('/files')
      .set(...caller.auth)
      .set('Content-Type', 'application/pdf')
      .set('X-Patient-Id', caller.principal.stakeholderId)
      .set('X-Category', 'lab')
      .set('X-File-Name', encodeURIComponent(FILE_NAME))
      .set(headers)
      .send(content);
  }

  /** The same X-* headers as a raw upload; the body's one part, file, is the content (its own name is the default file name). */
  function uploadMultipart(caller: Caller, content: Buffer, headers: Record<string, string> = {}) {
    return request(gateway.app)
      .post('/files')
      .set(...caller.auth)
      .set('X-Patient-Id', caller.principal.stakeholderId)
      .set('X-Category', 'lab')
      .set(headers)
      .attach('file', content, { filename: FILE_NAME, contentType: 'image/png' });
  }

  /** The file name the chain keeps, as a download names it. */
  async function downloadedName(caller: Caller, fileId: string): Promise<string> {
    const disposition = String((await download(caller, fileId)).headers['content-disposition']);
    return decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '');
  }

  function download(caller: Caller, fileId: string, version?: number) {
    const query = version === undefined ? '' : `?version=${version}`;
    return request(gateway.app).get(`/files/${fileId}/content${query}`).set(...caller.auth).buffer(true).parse(binary);
  }

  async function uploaded(caller: Caller, content: Buffer): Promise<ChainFileView> {
    const response = await uploadRaw(caller, content);
    expect(response.status).toBe(201);
    return response.body as ChainFileView;
  }

  async function filesOnChain(patient: Caller): Promise<unknown[]> {
    const page = JSON.parse(await gateway.services.ledger.evaluate(patient.principal, 'Records:listFiles', [patient.principal.stakeholderId, '100', ''])) as { items: unknown[] };
    return page.items;
  }

  async function dataKeysOf(patientId: string): Promise<number> {
    const vault = await openJsonFileKeyVault(gateway.config.files.vaultFile, TEST_MASTER_KEY);
    return (await vault.listDataKeys(patientId)).length;
  }

  function blobPathOf(view: ChainFileView): string {
    const digest = (view.latest.storageRef ?? '').replace(/^sha256:/, '');
    return join(blobDir, 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
  }

  describe('upload and download', () => {
    it.each([
      ['0 B', 0],
      ['1 B', 1],
      ['~1 MiB', MiB + 123],
    ])('when a patient uploads %s as a raw body, then the download returns the same bytes with safe headers', async (_label, size) => {
      const patient = await person('patient');
      const content = randomBytes(size);

      const created = await uploadRaw(patient, content);
      const fetched = await download(patient, (created.body as ChainFileView).file.fileId);

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
      const patient = await person('patient');
      const content = randomBytes(size);

      const created = await uploadMultipart(patient, content, { 'X-Client-Encrypted': 'true' });
      const fetched = await download(patient, (created.body as ChainFileView).file.fileId);

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ latest: { sizeBytes: size, mediaType: 'image/png', clientEncrypted: true } });
      expect(fetched.status).toBe(200);
      expect(fetched.headers['content-type']).toBe('image/png');
      expect((fetched.body as Buffer).equals(content)).toBe(true);
    });

    it('when the metadata and version history are read, then they come from the chain without the file name, and the name is never logged', async () => {
      const patient = await person('patient');
      const view = await uploaded(patient, Buffer.from('lab report'));

      const metadata = await request(gateway.app).get(`/files/${view.file.fileId}`).set(...patient.auth);
      const history = await request(gateway.app).get(`/files/${view.file.fileId}/versions`).set(...patient.auth);

      expect(metadata.status).toBe(200);
      expect(metadata.body).toMatchObject({ file: { fileId: view.file.fileId }, latest: { version: 1 } });
      expect(history.body).toMatchObject({ items: [{ version: 1 }] });
      expect(JSON.stringify([metadata.body, history.body])).not.toContain('Ferritin');
      expect(gateway.logs.text()).not.toContain('Ferritin');
    });

    it('when a new version is uploaded, then the latest download is the new content and version 1 still downloads unchanged', async () => {
      const patient = await person('patient');
      const first = Buffer.from('version one');
      const second = Buffer.from('version two, corrected');
      const view = await uploaded(patient, first);

      const added = await request(gateway.app)
        .post(`/files/${view.file.fileId}/versions`)
        .set(...patient.auth)
        .set('Content-Type', 'text/plain')
        .set('X-File-Name', 'corrected.txt')
        .send(second);

      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ file: { latestVersion: 2 }, latest: { version: 2, previousVersion: 1, mediaType: 'text/plain' } });
      expect(((await download(patient, view.file.fileId)).body as Buffer).equals(second)).toBe(true);
      const old = await download(patient, view.file.fileId, 1);
      expect(old.status).toBe(200);
      expect(old.headers['content-type']).toBe('application/pdf');
      expect((old.body as Buffer).equals(first)).toBe(true);
    });
  });

  describe('refusals', () => {
    it('when a doctor without consent asks for the content, then 403 CONSENT_REQUIRED; with a view grant the doctor downloads and the patient sees the access in the log', async () => {
      const patient = await person('patient');
      const doctor = await person('doctor');
      const content = randomBytes(5000);
      const view = await uploaded(patient, content);

      const refused = await download(doctor, view.file.fileId);
      expect(refused.status).toBe(403);
      expect(jsonOf(refused)).toMatchObject({ code: 'CONSENT_REQUIRED' });

      const now = Date.now();
      await gateway.services.ledger.submit(patient.principal, 'Consent:grant', [
        doctor.principal.stakeholderId,
        JSON.stringify(['view']),
        JSON.stringify({ categories: ['lab'] }),
        'TREAT',
        new Date(now).toISOString(),
        new Date(now + 86_400_000).toISOString(),
      ]);
      const granted = await download(doctor, view.file.fileId);

      expect(granted.status).toBe(200);
      expect((granted.body as Buffer).equals(content)).toBe(true);
      const log = JSON.parse(await gateway.services.ledger.evaluate(patient.principal, 'AccessLog:listMine', ['100', ''])) as { items: Record<string, unknown>[] };
      expect(log.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ accessorId: doctor.principal.stakeholderId, basis: 'grant', recordId: view.file.fileId, resourceId: `${view.file.fileId}.v1` })]),
      );
    });

    it("when another patient asks for a patient's file, its metadata or uploads for that patient, then each is refused with 403", async () => {
      const patient = await person('patient');
      const other = await person('patient');
      const view = await uploaded(patient, Buffer.from('mine'));

      expect((await download(other, view.file.fileId)).status).toBe(403);
      expect((await request(gateway.app).get(`/files/${view.file.fileId}`).set(...other.auth)).status).toBe(403);
      expect((await uploadRaw(other, Buffer.from('x'), { 'X-Patient-Id': patient.principal.stakeholderId })).status).toBe(403);
      expect(filesUnder(blobDir)).toHaveLength(1);
    });

    it('when an unknown file is asked for, then 404; a malformed file ID is 422', async () => {
      const patient = await person('patient');

      expect((await download(patient, `file-${'0'.repeat(24)}`)).status).toBe(404);
      expect((await request(gateway.app).get('/files/not-a-file-id').set(...patient.auth)).status).toBe(422);
    });

    it('when nobody is authenticated, then 401', async () => {
      expect((await request(gateway.app).post('/files').set('Content-Type', 'application/pdf').send(Buffer.from('x'))).status).toBe(401);
    });

    it.each([
      ['no patient ID', { 'X-Patient-Id': '' }, 'patientId'],
      ['an unknown category', { 'X-Category': 'genome' }, 'category'],
      ['a bad clientEncrypted flag', { 'X-Client-Encrypted': 'yes' }, 'clientEncrypted'],
    ])('when a raw upload has %s, then 422 names the field and nothing is stored', async (_label, headers, field) => {
      const patient = await person('patient');

      const response = await uploadRaw(patient, Buffer.from('content'), headers);

      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: field })] });
      expect(filesUnder(blobDir)).toEqual([]);
    });

    it.each([
      ['a raw upload', (caller: Caller) => request(gateway.app).post('/files').set(...caller.auth).set('Content-Type', 'application/pdf').send(Buffer.from('x'))],
      ['a multipart upload', (caller: Caller) => request(gateway.app).post('/files').set(...caller.auth).attach('file', Buffer.from('x'), 'scan.pdf')],
    ])('when %s has no X-Patient-Id and X-Category headers, then 422 names both headers and nothing is stored', async (_label, upload) => {
      const patient = await person('patient');

      const response = await upload(patient);

      expect(response.status).toBe(422);
      expect(response.body.detail).toContain('X-Patient-Id header is required');
      expect(response.body.detail).toContain('X-Category header');
      expect(filesUnder(blobDir)).toEqual([]);
    });

    it.each([
      ['no X-File-Name', {}, (fileId: string) => fileId],
      ['an empty X-File-Name', { 'X-File-Name': '' }, (fileId: string) => fileId],
      ['a blank X-File-Name', { 'X-File-Name': '%20%09%20' }, (fileId: string) => fileId],
      ['control characters and surrounding spaces', { 'X-File-Name': '%20scan%00%0A.pdf%20' }, () => 'scan.pdf'],
      ['300 characters', { 'X-File-Name': 'a'.repeat(300) }, () => 'a'.repeat(255)],
    ])('when a raw upload has %s, then it is accepted and the chain keeps a name fit to keep (the file ID when none is left)', async (_label, headers, expected) => {
      const patient = await person('patient');

      const response = await request(gateway.app)
        .post('/files')
        .set(...patient.auth)
        .set({ 'Content-Type': 'application/pdf', 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab', ...headers })
        .send(Buffer.from('content'));
      const fileId = (response.body as ChainFileView).file.fileId;

      expect(response.status).toBe(201);
      expect(await downloadedName(patient, fileId)).toBe(expected(fileId));
    });

    it('when a multipart upload has no X-File-Name, then the file part’s own name is kept', async () => {
      const patient = await person('patient');

      const response = await uploadMultipart(patient, Buffer.from('content'));

      expect(response.status).toBe(201);
      expect(await downloadedName(patient, (response.body as ChainFileView).file.fileId)).toBe(FILE_NAME);
    });

    it.each([
      ['a form field (the old place of patientId)', (pending: request.Test) => pending.field('patientId', 'pat-123456').attach('file', Buffer.from('x'), 'a.pdf'), 'unexpected part "patientId"'],
      ['a second file part', (pending: request.Test) => pending.attach('file', Buffer.from('x'), 'a.pdf').attach('other', Buffer.from('y'), 'b.pdf'), 'more than one file part'],
      ['a file part with another name', (pending: request.Test) => pending.attach('upload', Buffer.from('x'), 'a.pdf'), 'unexpected part "upload"'],
    ])('when a multipart upload has %s, then 422 (its one part is file) and nothing is stored', async (_label, body, detail) => {
      const patient = await person('patient');

      const response = await body(request(gateway.app).post('/files').set(...patient.auth).set({ 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab' }));

      expect(response.status).toBe(422);
      expect(response.body.detail).toContain(detail);
      expect(filesUnder(blobDir)).toEqual([]);
    });

    it('when a raw upload is sent as application/json, then 422 points to multipart (the JSON body parser read it as a request)', async () => {
      const patient = await person('patient');

      const response = await uploadRaw(patient, Buffer.from('{"a":1}'), { 'Content-Type': 'application/json' });

      expect(response.status).toBe(422);
      expect(response.body.detail).toContain('multipart/form-data');
    });

    it('when a multipart request has no file part, then 422', async () => {
      const patient = await person('patient');

      const response = await request(gateway.app)
        .post('/files')
        .set(...patient.auth)
        .set({ 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab', 'Content-Type': 'multipart/form-data; boundary=x' })
        .send('--x--\r\n');

      expect(response.status).toBe(422);
      expect(response.body.detail).toContain('no file part named "file"');
    });
  });

  describe('limits and failures leave nothing behind', () => {
    it.each([
      ['a raw body (declared length)', (caller: Caller, content: Buffer) => uploadRaw(caller, content)],
      ['a multipart body (counted while streaming)', (caller: Caller, content: Buffer) => uploadMultipart(caller, content)],
    ])('when %s exceeds MEDLEDGER_FILE_MAX_BYTES, then 413, no blob, no key and no on-chain record', async (_label, upload) => {
      const patient = await person('patient');

      const response = await upload(patient, randomBytes(MAX_BYTES + 1));

      expect(response.status).toBe(413);
      expect(jsonOf(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(filesUnder(blobDir)).toEqual([]);
      expect(await dataKeysOf(patient.principal.stakeholderId)).toBe(0);
      expect(await filesOnChain(patient)).toEqual([]);
    });

    it('when the chain commit fails after the blob was written, then the blob and its key are shredded and nothing is on chain', async () => {
      const patient = await person('patient');
      const ledger = gateway.services.ledger;
      const submit = ledger.submit.bind(ledger);
      jest.spyOn(ledger, 'submit').mockImplementation(async (principal, fn, args, transient) => {
        if (fn === 'Records:createFile') {
          throw new Error('injected crash between the storage write and the chain commit');
        }
        return submit(principal, fn, args, transient);
      });

      const response = await uploadRaw(patient, randomBytes(70_000));

      expect(response.status).toBe(500);
      expect(filesUnder(blobDir)).toEqual([]);
      expect(await dataKeysOf(patient.principal.stakeholderId)).toBe(0);
      expect(await filesOnChain(patient)).toEqual([]);
      expect(filesUnder(join(dataDir, 'files', 'in-flight'))).toEqual([]);
    });

    it('when the commit outcome is unknown (timeout) and the gateway restarts, then start-up recovery finds no chain record and shreds the upload', async () => {
      const patient = await person('patient');
      const ledger = gateway.services.ledger;
      const submit = ledger.submit.bind(ledger);
      jest.spyOn(ledger, 'submit').mockImplementation(async (principal, fn, args, transient) => {
        if (fn === 'Records:createFile') {
          throw new LedgerError('TIMEOUT', 'the commit status did not arrive in time', { txId: 'tx-unknown' });
        }
        return submit(principal, fn, args, transient);
      });

      const response = await uploadRaw(patient, randomBytes(1000));
      expect(response.status).toBe(504);
      expect(filesUnder(blobDir)).toHaveLength(1);
      jest.mocked(ledger.submit).mockRestore();

      const restarted = buildFilesFeature({ config: gateway.config.files, logger: createLogger('silent'), ledger: gateway.services.ledgerCalls, principals: gateway.services.store.principals, masterKey: TEST_MASTER_KEY });
      await restarted.ready();

      expect(filesUnder(blobDir)).toEqual([]);
      expect(await dataKeysOf(patient.principal.stakeholderId)).toBe(0);
      expect(filesUnder(join(dataDir, 'files', 'in-flight'))).toEqual([]);
    });

    it('when the stored blob was tampered with, then the download is aborted mid-body, never a clean 200 with bad bytes, and it is logged', async () => {
      const patient = await person('patient');
      const view = await uploaded(patient, randomBytes(MiB));
      const path = blobPathOf(view);
      const blob = readFileSync(path);
      blob[blob.length - 100] = (blob[blob.length - 100] ?? 0) ^ 0x01;
      writeFileSync(path, blob);

      const outcome = await download(patient, view.file.fileId).then(
        (response) => ({ status: response.status, length: (response.body as Buffer).length }),
        (error: Error) => ({ error: error.message }),
      );

      expect(outcome).not.toEqual({ status: 200, length: MiB });
      expect(outcome).toHaveProperty('error');
      expect(gateway.logs.text()).toContain('download aborted');
    });

    it('when a small tampered blob fails before any byte was sent, then the answer is 502 FILE_INTEGRITY_FAILED', async () => {
      const patient = await person('patient');
      const view = await uploaded(patient, Buffer.from('short lab result'));
      const path = blobPathOf(view);
      const blob = readFileSync(path);
      blob[40] = (blob[40] ?? 0) ^ 0x80;
      writeFileSync(path, blob);

      const response = await download(patient, view.file.fileId);

      expect(response.status).toBe(502);
      expect(jsonOf(response)).toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
    });
  });

  describe('POST /patients/{patientId}/erasure', () => {
    it('when the patient erases their data, then keys and blobs are gone, no file downloads (410), the metadata has no name or content hash, and the chain records the erasure', async () => {
      const patient = await person('patient');
      const first = await uploaded(patient, randomBytes(3000));
      const second = await uploaded(patient, Buffer.alloc(0));

      const response = await request(gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...patient.auth);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        patientId: patient.principal.stakeholderId,
        filesErased: 2,
        kekDestroyed: true,
        dataKeysDestroyed: 2,
        blobsDeleted: 2,
        blobDeleteFailures: 0,
        erasure: { patientId: patient.principal.stakeholderId, filesErased: 2 },
      });
      expect(filesUnder(blobDir)).toEqual([]);
      for (const view of [first, second]) {
        const refused = await download(patient, view.file.fileId);
        expect(refused.status).toBe(410);
        expect(jsonOf(refused)).toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
        const metadata = await request(gateway.app).get(`/files/${view.file.fileId}`).set(...patient.auth);
        expect(metadata.body).toMatchObject({ file: { status: 'erased' }, latest: { status: 'erased' } });
        expect(metadata.body.latest).not.toHaveProperty('contentSha256');
        expect(JSON.stringify(metadata.body)).not.toContain('Ferritin');
      }
    });

    it('when the erasure is repeated, then it succeeds again without files to erase', async () => {
      const patient = await person('patient');
      await uploaded(patient, Buffer.from('x'));
      const erase = () => request(gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...patient.auth);
      await erase();

      const again = await erase();

      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ filesErased: 0, kekDestroyed: false, erasure: { filesErased: 1 } });
    });

    it.each(['patient', 'doctor'] as const)('when a %s who is not the patient asks to erase, then 403 and the files still download', async (role) => {
      const patient = await person('patient');
      const stranger = await person(role);
      const view = await uploaded(patient, Buffer.from('keep me'));

      const response = await request(gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...stranger.auth);

      expect(response.status).toBe(403);
      expect((await download(patient, view.file.fileId)).status).toBe(200);
    });
  });
});
