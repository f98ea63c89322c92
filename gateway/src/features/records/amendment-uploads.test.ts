import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Response } from 'supertest';
import { LedgerError } from '../../ledger/ledger-port';
import { openJsonFileKeyVault } from '../../files/keys/json-file-key-vault';
import { createLogger } from '../../platform/logging/logger';
import type { Principal, Role } from '../../identity/principals/principal';
import { createTestGateway, samlLogin, TEST_MASTER_KEY, type TestGateway } from '../../test-support/test-gateway';
import { buildFilesFeature } from './files-feature';
import type { ActiveFileVersion, MedicalFileHead } from '@medledger/chaincode';

/** A file's view as these tests upload it: its latest version is live. */
type ChainFileView = { file: MedicalFileHead; latest: ActiveFileVersion };
import { filesUnder } from '../../test-support/files-under';

/**
 * POST /files/{fileId}/amendments: the patient uploads the corrected content, which the gateway
 * encrypts under a data key bound to that file and its patient (as for a version) before
 * Records:proposeAmendment records it. The hashes and the storage reference are the gateway's own,
 * never the client's.
 */

interface Caller {
  principal: Principal;
  auth: [string, string];
}

interface Amendment {
  id: string;
  fileId: string;
  patientId: string;
  status: string;
  contentSha256: string;
  ciphertextSha256: string;
  sizeBytes: number;
  storageRef: string;
}

const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('POST /files/{fileId}/amendments: amendment content uploaded for its file', () => {
  let dataDir: string;
  let blobDir: string;
  let gateway: TestGateway;
  let patient: Caller;
  let doctor: Caller;
  let fileId: string;
  const original = Buffer.from('ferritin 12 ng/ml');
  const corrected = Buffer.from('ferritin 12 µg/l, 2026-03-01');

  async function person(role: Role): Promise<Caller> {
    const principal = await gateway.services.principals.signIn(samlLogin(role));
    const { token } = gateway.services.tokens.create(principal, { name: 'amendment test', scopes: ['read', 'write'], days: 1 });
    if (role === 'doctor') {
      const admin = await gateway.services.principals.signIn(samlLogin('admin'));
      await gateway.services.ledger.submit(admin, 'Stakeholder:verify', [principal.stakeholderId, 'a'.repeat(64)]);
    }
    return { principal, auth: ['Authorization', `Bearer ${token}`] };
  }

  async function grantLab(to: Caller): Promise<void> {
    const now = gateway.clock.now().getTime();
    await gateway.services.ledger.submit(patient.principal, 'Consent:grant', [
      to.principal.stakeholderId,
      '["view","edit"]',
      '{"categories":["lab"]}',
      'TREAT',
      new Date(now).toISOString(),
      new Date(now + 86_400_000).toISOString(),
    ]);
  }

  function propose(caller: Caller | undefined, content: Buffer, headers: Record<string, string> = { 'X-Amendment-Reason': 'wrong%20unit' }) {
    const pending = request(gateway.app).post(`/files/${fileId}/amendments`).set('Content-Type', 'text/plain').set(headers);
    return caller === undefined ? pending.send(content) : pending.set(...caller.auth).send(content);
  }

  async function amendmentsOnChain(): Promise<Amendment[]> {
    return (JSON.parse(await gateway.services.ledger.evaluate(patient.principal, 'Records:listAmendments', [fileId, '100', ''])) as { items: Amendment[] }).items;
  }

  async function dataKeyOf(storageRef: string) {
    const vault = await openJsonFileKeyVault(gateway.config.files.vaultFile, TEST_MASTER_KEY);
    return vault.findDataKeyByStorageRef(storageRef);
  }

  async function dataKeyCount(): Promise<number> {
    const vault = await openJsonFileKeyVault(gateway.config.files.vaultFile, TEST_MASTER_KEY);
    return (await vault.listDataKeys(patient.principal.stakeholderId)).length;
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'medledger-amendments-'));
    blobDir = join(dataDir, 'files', 'blobs');
    gateway = createTestGateway({ environment: { MEDLEDGER_DATA_DIR: dataDir } });
    patient = await person('patient');
    doctor = await person('doctor');
    await grantLab(doctor);
    const upload = await request(gateway.app)
      .post('/files')
      .set(...doctor.auth)
      .set({ 'Content-Type': 'text/plain', 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab', 'X-File-Name': 'ferritin.txt' })
      .send(original);
    expect(upload.status).toBe(201);
    fileId = (upload.body as ChainFileView).file.fileId;
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the patient uploads a correction as multipart, then the gateway hashes it, binds its key to the file and patient, and the approved version downloads byte for byte', async () => {
    const response = await request(gateway.app)
      .post(`/files/${fileId}/amendments`)
      .set(...patient.auth)
      .set('X-Amendment-Reason', encodeURIComponent('the unit is µg/l'))
      .attach('file', corrected, { filename: 'ferritin.txt', contentType: 'text/plain' });

    expect(response.status).toBe(201);
    const amendment = response.body as Amendment & { txId: string };
    expect(amendment).toMatchObject({ fileId, patientId: patient.principal.stakeholderId, status: 'pending', contentSha256: sha256(corrected), sizeBytes: corrected.length, txId: expect.any(String) });
    expect(amendment.storageRef).toBe(`sha256:${amendment.ciphertextSha256}`);
    expect(await dataKeyOf(amendment.storageRef)).toMatchObject({ fileId, patientId: patient.principal.stakeholderId, state: 'committed' });

    const approved = await request(gateway.app).post(`/amendments/${amendment.id}/approval`).set(...doctor.auth).send({ contentSha256: sha256(corrected) });
    const downloaded = await request(gateway.app).get(`/files/${fileId}/content?version=2`).set(...patient.auth).buffer(true).parse(binary);

    expect(approved.status).toBe(201);
    expect(downloaded.status).toBe(200);
    expect((downloaded.body as Buffer).equals(corrected)).toBe(true);
  });

  it.each<[string, (setup: { other: () => Promise<Caller> }) => Promise<Caller | undefined>, number]>([
    ['another patient', async ({ other }) => other(), 403],
    ['the doctor who holds the edit grant (amendments are the patient’s)', async () => doctor, 403],
    ['the patient with a read-only token', async () => ({ principal: patient.principal, auth: ['Authorization', `Bearer ${gateway.services.tokens.create(patient.principal, { name: 'read only', scopes: ['read'], days: 1 }).token}`] }), 403],
    ['nobody signed in', async () => undefined, 401],
  ])('when %s proposes, then it is refused and nothing is stored or recorded', async (_label, who, status) => {
    const caller = await who({ other: () => person('patient') });
    const blobsBefore = filesUnder(blobDir);
    const keysBefore = await dataKeyCount();

    const response = await propose(caller, corrected);

    expect(response.status).toBe(status);
    expect(filesUnder(blobDir)).toEqual(blobsBefore);
    expect(await dataKeyCount()).toBe(keysBefore);
    expect(await amendmentsOnChain()).toEqual([]);
  });

  it.each<[string, Record<string, string>, number]>([
    ['no reason', {}, 422],
    ['a blank reason', { 'X-Amendment-Reason': '   ' }, 422],
    ['a reason of 2001 characters', { 'X-Amendment-Reason': 'a'.repeat(2001) }, 422],
    ['a reason of 2001 characters as sent that decodes to 667', { 'X-Amendment-Reason': '%C3%A9'.repeat(333) + 'abc' }, 422],
    // well-formed as sent (the documented limits are on the header as sent); the peers refuse the empty text
    ['a reason that decodes to spaces only', { 'X-Amendment-Reason': '%20%20' }, 400],
  ])('when the upload has %s, then the refusal names the reason and nothing is stored', async (_label, headers, status) => {
    const blobsBefore = filesUnder(blobDir);

    const response = await propose(patient, corrected, headers);

    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).toMatch(/X-Amendment-Reason|amendment\.reason/);
    expect(filesUnder(blobDir)).toEqual(blobsBefore);
    expect(await amendmentsOnChain()).toEqual([]);
  });

  it('when a client sends the old JSON body with hashes and a storage reference of its choosing, then 422 and nothing is recorded', async () => {
    const view = JSON.parse(await gateway.services.ledger.evaluate(patient.principal, 'Records:getFileMetadata', [fileId])) as ChainFileView;

    const response = await request(gateway.app)
      .post(`/files/${fileId}/amendments`)
      .set(...patient.auth)
      .send({ contentSha256: view.latest.contentSha256, ciphertextSha256: view.latest.ciphertextSha256, sizeBytes: 17, mediaType: 'text/plain', storageRef: view.latest.storageRef, reason: 'x' });

    expect(response.status).toBe(422);
    expect(await amendmentsOnChain()).toEqual([]);
  });

  it.each([
    ['the chain recorded it', true, 1],
    ['the chain did not record it', false, 0],
  ])('when the commit outcome of an amendment is unknown and %s, then start-up recovery keeps or shreds its blob accordingly', async (_label, recorded, kept) => {
    const ledger = gateway.services.ledger;
    const submit = ledger.submit.bind(ledger);
    jest.spyOn(ledger, 'submit').mockImplementation(async (principal, fn, args, transient) => {
      if (fn === 'Records:proposeAmendment') {
        if (recorded) {
          await submit(principal, fn, args, transient);
        }
        throw new LedgerError('COMMIT_STATUS_UNKNOWN', 'the commit status did not arrive', { txId: 'tx-unknown' });
      }
      return submit(principal, fn, args, transient);
    });
    expect((await propose(patient, corrected)).status).toBe(504);
    jest.mocked(ledger.submit).mockRestore();

    const restarted = buildFilesFeature({ config: gateway.config.files, logger: createLogger('silent'), ledger: gateway.services.ledgerCalls, principals: gateway.services.store.principals, masterKey: TEST_MASTER_KEY });
    await restarted.ready();

    const amendments = await amendmentsOnChain();
    expect(amendments).toHaveLength(kept);
    expect(filesUnder(blobDir)).toHaveLength(1 + kept);
    expect(await dataKeyCount()).toBe(1 + kept);
    if (recorded) {
      expect(await dataKeyOf(amendments[0]?.storageRef ?? '')).toMatchObject({ fileId, state: 'committed' });
    }
  });
});
