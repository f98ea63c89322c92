import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { z } from 'zod';
import { bodyOf } from '../../test-support/response-body';
import { filesUnder } from '../../test-support/files-under';
import { jsonOf, MAX_BYTES, useFilesGateway } from './test-support/files-gateway';

/** POST /patients/{patientId}/erasure: a patient's files become unreadable and their keys and blobs are gone. */
describe('/files: medical files off chain, erased', () => {
  const files = useFilesGateway({ MEDLEDGER_FILE_MAX_BYTES: String(MAX_BYTES) });

  describe('POST /patients/{patientId}/erasure', () => {
    it('when the patient erases their data, then keys and blobs are gone, no file downloads (410), the metadata has no name or content hash, and the chain records the erasure', async () => {
      const patient = await files.person('patient');
      const first = await files.uploaded(patient, randomBytes(3000));
      const second = await files.uploaded(patient, Buffer.alloc(0));

      const response = await request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...patient.auth);

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
      expect(filesUnder(files.blobDir)).toEqual([]);
      for (const view of [first, second]) {
        const refused = await files.download(patient, view.file.fileId);
        expect(refused.status).toBe(410);
        expect(jsonOf(refused)).toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
        const metadata = await request(files.gateway.app).get(`/files/${view.file.fileId}`).set(...patient.auth);
        expect(metadata.body).toMatchObject({ file: { status: 'erased' }, latest: { status: 'erased' } });
        expect(bodyOf(metadata, z.object({ latest: z.object({}).catchall(z.unknown()) })).latest).not.toHaveProperty('contentSha256');
        expect(JSON.stringify(metadata.body)).not.toContain('Ferritin');
      }
    });

    it('when the erasure is repeated, then it succeeds again without files to erase', async () => {
      const patient = await files.person('patient');
      await files.uploaded(patient, Buffer.from('x'));
      const erase = () => request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...patient.auth);
      await erase();

      const again = await erase();

      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ filesErased: 0, keysPurged: 0, batches: 0, kekDestroyed: false, erasure: { filesErased: 1, keysPurged: 1, status: 'complete' } });
    });

    it.each(['patient', 'doctor'] as const)('when a %s who is not the patient asks to erase, then 403 and the files still download', async (role) => {
      const patient = await files.person('patient');
      const stranger = await files.person(role);
      const view = await files.uploaded(patient, Buffer.from('keep me'));

      const response = await request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...stranger.auth);

      expect(response.status).toBe(403);
      expect((await files.download(patient, view.file.fileId)).status).toBe(200);
    });
  });

  describe('GET /patients/{patientId}/erasure/receipt', () => {
    const receiptOf = (patientId: string, auth: [string, string]) => request(files.gateway.app).get(`/patients/${patientId}/erasure/receipt`).set(...auth);

    it('when the patient has erased, then the receipt downloads as a JSON attachment with keys, counts, transaction IDs, the off-chain part and what stays on chain', async () => {
      const patient = await files.person('patient');
      const view = await files.uploaded(patient, Buffer.from('receipt me'));
      const erased = await request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...patient.auth);

      const response = await receiptOf(patient.principal.stakeholderId, patient.auth);

      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="erasure-receipt-pat-/);
      const body = bodyOf(response, z.object({ receipt: z.object({ batches: z.array(z.object({ txId: z.string() })) }).catchall(z.unknown()), remainsOnChain: z.array(z.object({ what: z.string(), why: z.string() })) }));
      expect(body.receipt).toMatchObject({
        patientId: patient.principal.stakeholderId,
        status: 'complete',
        keysPurged: 1,
        purged: [{ objectType: 'medicalFileDetails', count: 1, ids: [`${view.file.fileId}/0000000001`] }],
        offChain: { keyEncryptionKeyDestroyed: true, dataKeysDestroyed: 1, blobsDeleted: 1, blobDeleteFailures: 0 },
      });
      expect(body.receipt.batches.map((batch) => batch.txId)).toContain(bodyOf(erased, z.object({ txId: z.string() })).txId);
      expect(body.remainsOnChain.map((entry) => entry.what).join(' ')).toMatch(/access log/);
      expect(JSON.stringify(response.body)).not.toContain('Ferritin');
    });

    it('when no erasure has started, then 404 NOT_FOUND says how to start one', async () => {
      const patient = await files.person('patient');

      const response = await receiptOf(patient.principal.stakeholderId, patient.auth);

      expect(response.status).toBe(404);
      expect(jsonOf(response)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it.each([
      ['patient', 403, 'NOT_OWNER'],
      ['doctor', 403, 'ROLE_FORBIDDEN'],
    ] as const)('when a %s who is not the patient asks for the receipt, then %i %s', async (role, status, code) => {
      const patient = await files.person('patient');
      const stranger = await files.person(role);
      await request(files.gateway.app).post(`/patients/${patient.principal.stakeholderId}/erasure`).set(...patient.auth);

      const response = await receiptOf(patient.principal.stakeholderId, stranger.auth);

      expect(response.status).toBe(status);
      expect(jsonOf(response)).toMatchObject({ code });
    });
  });
});
