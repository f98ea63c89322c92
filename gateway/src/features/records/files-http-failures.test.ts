import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../../ledger/ledger-port';
import { filesUnder } from '../../test-support/files-under';
import { jsonOf, MAX_BYTES, MiB, useFilesGateway, type Caller } from './test-support/files-gateway';

/** Uploads that fail half-way (too large, chain refused, outcome unknown, tampered blob) leave nothing behind. */
describe('/files: medical files off chain, when something fails', () => {
  const files = useFilesGateway({ MEDLEDGER_FILE_MAX_BYTES: String(MAX_BYTES) });

  describe('limits and failures leave nothing behind', () => {
    it.each([
      ['a raw body (declared length)', (caller: Caller, content: Buffer) => files.uploadRaw(caller, content)],
      ['a multipart body (counted while streaming)', (caller: Caller, content: Buffer) => files.uploadMultipart(caller, content)],
    ])('when %s exceeds MEDLEDGER_FILE_MAX_BYTES, then 413, no blob, no key and no on-chain record', async (_label, upload) => {
      const patient = await files.person('patient');

      const response = await upload(patient, randomBytes(MAX_BYTES + 1));

      expect(response.status).toBe(413);
      expect(jsonOf(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(filesUnder(files.blobDir)).toEqual([]);
      expect(await files.dataKeysOf(patient.principal.stakeholderId)).toBe(0);
      expect(await files.filesOnChain(patient)).toEqual([]);
    });

    it('when the chain commit fails after the blob was written, then the blob and its key are shredded and nothing is on chain', async () => {
      const patient = await files.person('patient');
      const ledger = files.gateway.services.ledger;
      const submit = ledger.submit.bind(ledger);
      jest.spyOn(ledger, 'submit').mockImplementation(async (principal, fn, args, transient) => {
        if (fn === 'Records:createFile') {
          throw new Error('injected crash between the storage write and the chain commit');
        }
        return submit(principal, fn, args, transient);
      });

      const response = await files.uploadRaw(patient, randomBytes(70_000));

      expect(response.status).toBe(500);
      expect(filesUnder(files.blobDir)).toEqual([]);
      expect(await files.dataKeysOf(patient.principal.stakeholderId)).toBe(0);
      expect(await files.filesOnChain(patient)).toEqual([]);
      expect(filesUnder(join(files.dataDir, 'files', 'in-flight'))).toEqual([]);
    });

    it('when the commit outcome is unknown (timeout) and the gateway restarts, then start-up recovery finds no chain record and shreds the upload', async () => {
      const patient = await files.person('patient');
      const ledger = files.gateway.services.ledger;
      const submit = ledger.submit.bind(ledger);
      const submitSpy = jest.spyOn(ledger, 'submit').mockImplementation(async (principal, fn, args, transient) => {
        if (fn === 'Records:createFile') {
          throw new LedgerError('TIMEOUT', 'the commit status did not arrive in time', { txId: 'tx-unknown' });
        }
        return submit(principal, fn, args, transient);
      });

      const response = await files.uploadRaw(patient, randomBytes(1000));
      expect(response.status).toBe(504);
      expect(filesUnder(files.blobDir)).toHaveLength(1);
      submitSpy.mockRestore();

      await files.restartedFiles();

      expect(filesUnder(files.blobDir)).toEqual([]);
      expect(await files.dataKeysOf(patient.principal.stakeholderId)).toBe(0);
      expect(filesUnder(join(files.dataDir, 'files', 'in-flight'))).toEqual([]);
    });

    it('when the stored blob was tampered with, then the download is aborted mid-body, never a clean 200 with bad bytes, and it is logged', async () => {
      const patient = await files.person('patient');
      const view = await files.uploaded(patient, randomBytes(MiB));
      const path = files.blobPathOf(view);
      const blob = readFileSync(path);
      blob[blob.length - 100] = (blob[blob.length - 100] ?? 0) ^ 0x01;
      writeFileSync(path, blob);

      const outcome = await files.download(patient, view.file.fileId).then(
        (response) => ({ status: response.status, length: (response.body as Buffer).length }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      );

      expect(outcome).not.toEqual({ status: 200, length: MiB });
      expect(outcome).toHaveProperty('error');
      expect(files.gateway.logs.text()).toContain('download aborted');
    });

    it('when a small tampered blob fails before any byte was sent, then the answer is 502 FILE_INTEGRITY_FAILED', async () => {
      const patient = await files.person('patient');
      const view = await files.uploaded(patient, Buffer.from('short lab result'));
      const path = files.blobPathOf(view);
      const blob = readFileSync(path);
      blob[40] = (blob[40] ?? 0) ^ 0x80;
      writeFileSync(path, blob);

      const response = await files.download(patient, view.file.fileId);

      expect(response.status).toBe(502);
      expect(jsonOf(response)).toMatchObject({ code: 'FILE_INTEGRITY_FAILED' });
    });
  });

});
