import { createHash } from 'node:crypto';
import request from 'supertest';
import { LedgerError } from '../../ledger/ledger-port';
import { filesUnder } from '../../test-support/files-under';
import { binary, useFilesGateway, type Caller, type ChainFileView } from './test-support/files-gateway';

/**
 * POST /files/{fileId}/amendments: the patient uploads the corrected content, which the gateway
 * encrypts under a data key bound to that file and its patient (as for a version) before
 * Records:proposeAmendment records it. The hashes and the storage reference are the gateway's own,
 * never the client's.
 */

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

describe('POST /files/{fileId}/amendments: amendment content uploaded for its file', () => {
  const files = useFilesGateway();
  let patient: Caller;
  let doctor: Caller;
  let fileId: string;
  const original = Buffer.from('ferritin 12 ng/ml');
  const corrected = Buffer.from('ferritin 12 µg/l, 2026-03-01');

  async function grantLab(to: Caller): Promise<void> {
    const now = files.gateway.clock.now().getTime();
    await files.gateway.services.ledger.submit(patient.principal, 'Consent:grant', [
      to.principal.stakeholderId,
      '["view","edit"]',
      '{"categories":["lab"]}',
      'TREAT',
      new Date(now).toISOString(),
      new Date(now + 86_400_000).toISOString(),
    ]);
  }

  function propose(caller: Caller | undefined, content: Buffer, headers: Record<string, string> = { 'X-Amendment-Reason': 'wrong%20unit' }) {
    const pending = request(files.gateway.app).post(`/files/${fileId}/amendments`).set('Content-Type', 'text/plain').set(headers);
    return caller === undefined ? pending.send(content) : pending.set(...caller.auth).send(content);
  }

  async function amendmentsOnChain(): Promise<Amendment[]> {
    return (JSON.parse(await files.gateway.services.ledger.evaluate(patient.principal, 'Records:listAmendments', [fileId, '100', ''])) as { items: Amendment[] }).items;
  }

  function dataKeyCount(): Promise<number> {
    return files.dataKeysOf(patient.principal.stakeholderId);
  }

  beforeEach(async () => {
    patient = await files.person('patient');
    doctor = await files.person('doctor');
    await grantLab(doctor);
    const upload = await request(files.gateway.app)
      .post('/files')
      .set(...doctor.auth)
      .set({ 'Content-Type': 'text/plain', 'X-Patient-Id': patient.principal.stakeholderId, 'X-Category': 'lab', 'X-File-Name': 'ferritin.txt' })
      .send(original);
    expect(upload.status).toBe(201);
    fileId = (upload.body as ChainFileView).file.fileId;
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('when the patient uploads a correction as multipart, then the gateway hashes it, binds its key to the file and patient, and the approved version downloads byte for byte', async () => {
    const response = await request(files.gateway.app)
      .post(`/files/${fileId}/amendments`)
      .set(...patient.auth)
      .set('X-Amendment-Reason', encodeURIComponent('the unit is µg/l'))
      .attach('file', corrected, { filename: 'ferritin.txt', contentType: 'text/plain' });

    expect(response.status).toBe(201);
    const amendment = response.body as Amendment & { txId: string };
    expect(amendment).toMatchObject({ fileId, patientId: patient.principal.stakeholderId, status: 'pending', contentSha256: sha256(corrected), sizeBytes: corrected.length });
    expect(amendment.txId).toEqual(expect.any(String));
    expect(amendment.storageRef).toBe(`sha256:${amendment.ciphertextSha256}`);
    expect(await files.dataKeyOf(amendment.storageRef)).toMatchObject({ fileId, patientId: patient.principal.stakeholderId, state: 'committed' });

    const approved = await request(files.gateway.app).post(`/amendments/${amendment.id}/approval`).set(...doctor.auth).send({ contentSha256: sha256(corrected) });
    const downloaded = await request(files.gateway.app).get(`/files/${fileId}/content?version=2`).set(...patient.auth).buffer(true).parse(binary);

    expect(approved.status).toBe(201);
    expect(downloaded.status).toBe(200);
    expect((downloaded.body as Buffer).equals(corrected)).toBe(true);
  });

  it.each<[string, (setup: { other: () => Promise<Caller> }) => Promise<Caller | undefined>, number]>([
    ['another patient', ({ other }) => other(), 403],
    ['the doctor who holds the edit grant (amendments are the patient’s)', () => Promise.resolve(doctor), 403],
    ['the patient with a read-only token', async () => ({ principal: patient.principal, auth: ['Authorization', `Bearer ${(await files.gateway.services.tokens.create(patient.principal, { name: 'read only', scopes: ['read'], days: 1 })).token}`] }), 403],
    ['nobody signed in', () => Promise.resolve(undefined), 401],
  ])('when %s proposes, then it is refused and nothing is stored or recorded', async (_label, who, status) => {
    const caller = await who({ other: () => files.person('patient') });
    const blobsBefore = filesUnder(files.blobDir);
    const keysBefore = await dataKeyCount();

    const response = await propose(caller, corrected);

    expect(response.status).toBe(status);
    expect(filesUnder(files.blobDir)).toEqual(blobsBefore);
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
    const blobsBefore = filesUnder(files.blobDir);

    const response = await propose(patient, corrected, headers);

    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).toMatch(/X-Amendment-Reason|amendment\.reason/);
    expect(filesUnder(files.blobDir)).toEqual(blobsBefore);
    expect(await amendmentsOnChain()).toEqual([]);
  });

  it('when a client sends the old JSON body with hashes and a storage reference of its choosing, then 422 and nothing is recorded', async () => {
    const view = JSON.parse(await files.gateway.services.ledger.evaluate(patient.principal, 'Records:getFileMetadata', [fileId])) as ChainFileView;

    const response = await request(files.gateway.app)
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
    const ledger = files.gateway.services.ledger;
    const submit = ledger.submit.bind(ledger);
    const submitSpy = jest.spyOn(ledger, 'submit').mockImplementation(async (principal, fn, args, transient) => {
      if (fn === 'Records:proposeAmendment') {
        if (recorded) {
          await submit(principal, fn, args, transient);
        }
        throw new LedgerError('COMMIT_STATUS_UNKNOWN', 'the commit status did not arrive', { txId: 'tx-unknown' });
      }
      return submit(principal, fn, args, transient);
    });
    expect((await propose(patient, corrected)).status).toBe(504);
    submitSpy.mockRestore();

    await files.restartedFiles();

    const amendments = await amendmentsOnChain();
    expect(amendments).toHaveLength(kept);
    expect(filesUnder(files.blobDir)).toHaveLength(1 + kept);
    expect(await dataKeyCount()).toBe(1 + kept);
    if (recorded) {
      expect(await files.dataKeyOf(amendments[0]?.storageRef ?? '')).toMatchObject({ fileId, state: 'committed' });
    }
  });
});
