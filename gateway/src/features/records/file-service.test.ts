import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileError } from '../../files/errors';
import { type DownloadTarget, type FileContentMetadata, FileService } from './file-service';
import { createMemoryKeyVault } from '../../files/keys/memory-key-vault';
import { openStoreKeyVault } from '../../files/keys/store-key-vault';
import type { KeyVault } from '../../files/keys/key-vault';
import type { BlobStore } from '../../files/storage/blob-store';
import { LocalBlobStore } from '../../files/storage/local-blob-store';
import { collect, sha256Hex, uniqueFileId, uniquePatientId } from '../../files/file-test-helpers';
import { openSqliteStore } from '../../wiring/sqlite-store';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'medledger-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Harness {
  service: FileService;
  vault: KeyVault;
  store: BlobStore;
  chain: FileContentMetadata[];
  record: (metadata: FileContentMetadata) => Promise<string>;
}

function harness(vault: KeyVault = createMemoryKeyVault(randomBytes(32)), store: BlobStore = new LocalBlobStore(join(root, 'blobs'))): Harness {
  const chain: FileContentMetadata[] = [];
  const service = new FileService({ vault, store, chunkSize: 1024 });
  const record = (metadata: FileContentMetadata): Promise<string> => {
    chain.push(metadata);
    return Promise.resolve(`tx-${chain.length}`);
  };
  return { service, vault, store, chain, record };
}

async function blobFiles(): Promise<string[]> {
  const entries = await readdir(join(root, 'blobs', 'sha256'), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

function upload(h: Harness, patientId: string, content: Buffer, fileId = uniqueFileId()): ReturnType<FileService['upload']> {
  return h.service.upload({ fileId, patientId, mediaType: 'application/pdf', content: Readable.from([content]) }, h.record);
}

/** Two versions of one new file of a new patient, `bytes` long each. */
async function twoVersions(h: Harness, bytes: number) {
  const patientId = uniquePatientId();
  const fileId = uniqueFileId();
  const v1 = await upload(h, patientId, randomBytes(bytes), fileId);
  const v2 = await upload(h, patientId, randomBytes(bytes), fileId);
  return { patientId, fileId, v1, v2 };
}

const allow = (): Promise<void> => Promise.resolve();

async function download(h: Harness, target: DownloadTarget): Promise<Buffer> {
  return collect(await h.service.download(target, allow));
}

describe('file service', () => {
  describe('upload and download', () => {
    it('when a file is uploaded, then the chain receives its hashes and it downloads intact', async () => {
      // Arrange
      const h = harness();
      const patientId = uniquePatientId();
      const content = randomBytes(5000);
      // Act
      const { metadata, chain } = await upload(h, patientId, content);
      const downloaded = await download(h, metadata);
      // Assert
      expect(chain).toBe('tx-1');
      expect(h.chain).toEqual([metadata]);
      expect(metadata).toMatchObject({ patientId, contentSha256: sha256Hex(content), sizeBytes: 5000, mediaType: 'application/pdf', clientEncrypted: false });
      expect(metadata.storageRef).toBe(`sha256:${metadata.ciphertextSha256}`);
      expect(downloaded.equals(content)).toBe(true);
      expect((await h.vault.getDataKey((await h.vault.listDataKeys(patientId))[0]?.keyRef as string))?.state).toBe('committed');
    });

    it('when a client-encrypted file is uploaded, then the flag is recorded and the bytes are still encrypted at rest', async () => {
      const h = harness();
      const clientCiphertext = randomBytes(3000);
      const { metadata } = await h.service.upload(
        { fileId: uniqueFileId(), patientId: uniquePatientId(), mediaType: 'application/octet-stream', clientEncrypted: true, content: Readable.from([clientCiphertext]) },
        h.record,
      );
      expect(metadata.clientEncrypted).toBe(true);
      expect(metadata.contentSha256).toBe(sha256Hex(clientCiphertext));
      const stored = await collect(await h.store.get(metadata.storageRef));
      expect(stored.includes(clientCiphertext.subarray(0, 64))).toBe(false);
      expect((await download(h, metadata)).equals(clientCiphertext)).toBe(true);
    });

    it('when the recorded plaintext hash differs from the stored file, then the download stream errors', async () => {
      const h = harness();
      const { metadata } = await upload(h, uniquePatientId(), randomBytes(3000));
      await expect(download(h, { ...metadata, contentSha256: '0'.repeat(64) })).rejects.toMatchObject({ reason: 'plaintext-hash-mismatch' });
    });

    it("when the chain points a file at another version's blob, then the download fails on the recorded hash", async () => {
      const h = harness();
      const { v1, v2 } = await twoVersions(h, 100);
      const stream = await h.service.download({ ...v2.metadata, storageRef: v1.metadata.storageRef, ciphertextSha256: v1.metadata.ciphertextSha256 }, allow);
      await expect(collect(stream)).rejects.toMatchObject({ reason: 'plaintext-hash-mismatch' });
    });

    it('when a stored blob is tampered with at rest, then the download stream fails its integrity check', async () => {
      const h = harness();
      const content = randomBytes(3000);
      const { metadata } = await upload(h, uniquePatientId(), content);
      const digest = metadata.ciphertextSha256;
      const path = join(root, 'blobs', 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
      const blob = await readFile(path);
      blob[blob.length - 100] = (blob[blob.length - 100] as number) ^ 0x80;
      await writeFile(path, blob);
      await expect(download(h, metadata)).rejects.toMatchObject({ code: 'FILE_INTEGRITY_FAILED', reason: 'chunk-authentication' });
    });

    it("when a file is requested as another patient's, then the download is refused", async () => {
      const h = harness();
      const { metadata } = await upload(h, uniquePatientId(), randomBytes(100));
      await expect(h.service.download({ ...metadata, patientId: uniquePatientId() }, allow)).rejects.toMatchObject({ reason: 'key-reference-mismatch' });
    });

    it('when authorization is refused, then the blob is never read', async () => {
      const h = harness();
      const { metadata } = await upload(h, uniquePatientId(), randomBytes(100));
      const get = jest.spyOn(h.store, 'get');
      await expect(h.service.download(metadata, () => Promise.reject(new Error('CONSENT_REQUIRED: no grant')))).rejects.toThrow('CONSENT_REQUIRED');
      expect(get).not.toHaveBeenCalled();
    });

    it('when authorization succeeds, then it runs before the blob is read', async () => {
      const h = harness();
      const { metadata } = await upload(h, uniquePatientId(), randomBytes(100));
      const order: string[] = [];
      const get = h.store.get.bind(h.store);
      jest.spyOn(h.store, 'get').mockImplementation(async (ref) => {
        order.push('get');
        return get(ref);
      });
      await collect(await h.service.download(metadata, () => {
        order.push('authorize');
        return Promise.resolve();
      }));
      expect(order).toEqual(['authorize', 'get']);
    });

    it('when the vault is in a store file reopened after a restart, then earlier files still download', async () => {
      const master = randomBytes(32);
      const file = join(root, 'gateway.sqlite');
      const before = openSqliteStore({ file });
      const first = harness(await openStoreKeyVault(before.fileKeys, master));
      const content = randomBytes(2048);
      const { metadata } = await upload(first, uniquePatientId(), content);
      await before.close();
      const after = openSqliteStore({ file });
      const restarted = harness(await openStoreKeyVault(after.fileKeys, master));
      expect((await download(restarted, metadata)).equals(content)).toBe(true);
      await after.close();
    });
  });

  describe('failures leave nothing visible', () => {
    it('when the chain step fails after the blob was stored, then the blob and its key are removed', async () => {
      const h = harness();
      const patientId = uniquePatientId();
      let seen: FileContentMetadata | undefined;
      const crash = async (metadata: FileContentMetadata): Promise<never> => {
        seen = metadata;
        expect(await h.store.exists(metadata.storageRef)).toBe(true);
        throw new Error('COMMIT_FAILED: orderer unreachable');
      };
      await expect(h.service.upload({ fileId: uniqueFileId(), patientId, mediaType: 'text/plain', content: Readable.from([randomBytes(4000)]) }, crash)).rejects.toThrow(
        'COMMIT_FAILED',
      );
      expect(await h.store.exists((seen as FileContentMetadata).storageRef)).toBe(false);
      expect(await blobFiles()).toEqual([]);
      expect(await h.vault.listDataKeys(patientId)).toEqual([]);
    });

    it('when the chain step times out ambiguously, then the upload stays pending until recovery asks the chain', async () => {
      const h = harness();
      const patientId = uniquePatientId();
      let seen: FileContentMetadata | undefined;
      const timeout = (metadata: FileContentMetadata): Promise<never> => {
        seen = metadata;
        return Promise.reject(Object.assign(new Error('TIMEOUT: commit status unknown'), { code: 'TIMEOUT' }));
      };
      await expect(h.service.upload({ fileId: uniqueFileId(), patientId, mediaType: 'text/plain', content: Readable.from([randomBytes(10)]) }, timeout)).rejects.toThrow('TIMEOUT');
      const metadata = seen as FileContentMetadata;
      expect(await h.store.exists(metadata.storageRef)).toBe(true);
      expect(await h.vault.listPendingDataKeys()).toHaveLength(1);
      expect(await h.service.recoverPending(() => Promise.resolve(true))).toEqual({ committed: 1, shredded: 0 });
      expect((await download(h, metadata)).length).toBe(10);
    });

    it.each([
      ['fileId', { fileId: '' }],
      ['fileId', { fileId: '../etc' }],
      ['patientId', { patientId: 'x'.repeat(129) }],
    ])('when the %s is malformed, then the upload is refused before any key or blob exists', async (_field, override) => {
      const h = harness();
      const patientId = uniquePatientId();
      const request = { fileId: uniqueFileId(), patientId, mediaType: 'text/plain', content: Readable.from([randomBytes(10)]), ...override };
      await expect(h.service.upload(request, h.record)).rejects.toMatchObject({ code: 'FILE_INVALID_INPUT' });
      expect(await h.vault.getKek(request.patientId)).toBeUndefined();
      expect(await blobFiles()).toEqual([]);
    });

    it('when storage fails, then nothing goes on chain', async () => {
      const failing: BlobStore = {
        put: () => Promise.reject(new FileError('STORAGE_FAILED', 'disk full')),
        get: () => Promise.reject(new Error('unused')),
        delete: () => Promise.resolve(),
        exists: () => Promise.resolve(false),
      };
      const h = harness(undefined, failing);
      const patientId = uniquePatientId();
      await expect(upload(h, patientId, randomBytes(5000))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      expect(h.chain).toEqual([]);
      expect(await h.vault.listDataKeys(patientId)).toEqual([]);
    });

    it('when the upload stream aborts half way, then nothing is stored and nothing goes on chain', async () => {
      const h = harness();
      const patientId = uniquePatientId();
      let pushed = false;
      const content = new Readable({
        read() {
          if (!pushed) {
            pushed = true;
            this.push(randomBytes(10_000));
          } else {
            setImmediate(() => this.destroy(new Error('client aborted the upload')));
          }
        },
      });
      await expect(h.service.upload({ fileId: uniqueFileId(), patientId, mediaType: 'text/plain', content }, h.record)).rejects.toThrow('client aborted');
      expect(h.chain).toEqual([]);
      expect(await blobFiles()).toEqual([]);
      expect(await readdir(join(root, 'blobs', '.tmp'))).toEqual([]);
    });

    it('when keeping the data key fails, then the blob is deleted and nothing goes on chain', async () => {
      const vault = createMemoryKeyVault(randomBytes(32));
      jest.spyOn(vault, 'putDataKey').mockRejectedValue(new FileError('KEY_VAULT_FAILED', 'disk full'));
      const h = harness(vault);
      await expect(upload(h, uniquePatientId(), randomBytes(100))).rejects.toMatchObject({ code: 'KEY_VAULT_FAILED' });
      expect(h.chain).toEqual([]);
      expect(await blobFiles()).toEqual([]);
    });

    it('when the process died between storage and chain, then recovery commits what the chain has and shreds the rest', async () => {
      // Arrange: two uploads whose final commit mark was lost (as after a crash).
      const vault = createMemoryKeyVault(randomBytes(32));
      const commitDataKey = jest.spyOn(vault, 'commitDataKey').mockRejectedValueOnce(new Error('crash')).mockRejectedValueOnce(new Error('crash'));
      const warnings: string[] = [];
      const h = harness(vault);
      const service = new FileService({ vault, store: h.store, onWarning: (message) => warnings.push(message) });
      const patientId = uniquePatientId();
      const onChain = await service.upload({ fileId: uniqueFileId(), patientId, mediaType: 'text/plain', content: Readable.from([randomBytes(10)]) }, h.record);
      const lost = await service.upload({ fileId: uniqueFileId(), patientId, mediaType: 'text/plain', content: Readable.from([randomBytes(10)]) }, h.record);
      h.chain.splice(1); // the second chain transaction never committed
      commitDataKey.mockRestore();
      // Act
      const outcome = await service.recoverPending((file) => Promise.resolve(h.chain.some((metadata) => metadata.storageRef === file.storageRef)));
      // Assert
      expect(warnings).toHaveLength(2);
      expect(outcome).toEqual({ committed: 1, shredded: 1 });
      expect(await vault.listPendingDataKeys()).toEqual([]);
      expect(await h.store.exists(lost.metadata.storageRef)).toBe(false);
      expect((await download(h, onChain.metadata)).length).toBe(10);
    });
  });

  describe('erasure', () => {
    it("when a patient is erased, then none of the patient's files decrypt and other patients are untouched", async () => {
      // Arrange
      const h = harness();
      const patientId = uniquePatientId();
      const otherPatient = uniquePatientId();
      const files = [await upload(h, patientId, randomBytes(10)), await upload(h, patientId, randomBytes(5000)), await upload(h, patientId, Buffer.alloc(0))];
      const other = await upload(h, otherPatient, randomBytes(50));
      const copies = await Promise.all(files.map(async ({ metadata }) => collect(await h.store.get(metadata.storageRef))));
      const recordsBefore = await h.vault.listDataKeys(patientId);
      // Act
      const summary = await h.service.erasePatient(patientId);
      // Assert
      expect(summary).toEqual({ patientId, kekDestroyed: true, dataKeysDestroyed: 3, blobsDeleted: 3, blobDeleteFailures: [] });
      for (const { metadata } of files) {
        await expect(h.service.download(metadata, allow)).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
        expect(await h.store.exists(metadata.storageRef)).toBe(false);
      }
      expect((await download(h, other.metadata)).length).toBe(50);
      // Even restored blob copies and old wrapped-key records are useless without the destroyed KEK.
      for (const copy of copies) {
        await h.store.put(Readable.from([copy]));
      }
      for (const record of recordsBefore) {
        await h.vault.putDataKey(record);
      }
      for (const { metadata } of files) {
        await expect(h.service.download(metadata, allow)).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
      }
    });

    it('when a patient is erased and uploads again, then the new KEK cannot open the old data keys', async () => {
      const h = harness();
      const patientId = uniquePatientId();
      const old = await upload(h, patientId, randomBytes(10));
      const oldRecords = await h.vault.listDataKeys(patientId);
      await h.service.erasePatient(patientId);
      const fresh = await upload(h, patientId, randomBytes(20));
      for (const record of oldRecords) {
        await h.vault.putDataKey({ ...record, kekId: (await h.vault.getKek(patientId))?.kekId as string });
      }
      await expect(h.service.download(old.metadata, allow)).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
      expect((await download(h, fresh.metadata)).length).toBe(20);
    });

    it('when erasure runs twice, then the second run reports nothing left', async () => {
      const h = harness();
      const patientId = uniquePatientId();
      await upload(h, patientId, randomBytes(10));
      await h.service.erasePatient(patientId);
      expect(await h.service.erasePatient(patientId)).toEqual({ patientId, kekDestroyed: false, dataKeysDestroyed: 0, blobsDeleted: 0, blobDeleteFailures: [] });
    });

    it('when a blob cannot be deleted during erasure, then it is reported and still undecryptable', async () => {
      const h = harness();
      const patientId = uniquePatientId();
      const { metadata } = await upload(h, patientId, randomBytes(10));
      jest.spyOn(h.store, 'delete').mockRejectedValueOnce(new FileError('STORAGE_FAILED', 'bucket unreachable'));
      const summary = await h.service.erasePatient(patientId);
      expect(summary.blobDeleteFailures).toEqual([metadata.storageRef]);
      expect(await h.store.exists(metadata.storageRef)).toBe(true);
      await expect(h.service.download(metadata, allow)).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
    });

    it('when one file is erased, then all its versions are shredded and the patient\'s other files remain', async () => {
      const h = harness();
      const { patientId, fileId, v1, v2 } = await twoVersions(h, 10);
      const kept = await upload(h, patientId, randomBytes(30));
      const summary = await h.service.eraseFile(patientId, fileId);
      expect(summary).toMatchObject({ kekDestroyed: false, dataKeysDestroyed: 2, blobsDeleted: 2 });
      await expect(h.service.download(v1.metadata, allow)).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
      await expect(h.service.download(v2.metadata, allow)).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
      expect((await download(h, kept.metadata)).length).toBe(30);
    });
  });
});
