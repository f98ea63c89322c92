import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { collect, sha256Hex } from '../../file-test-helpers';
import type { BlobStore } from '../blob-store';

/** One store under test, opened fresh for each case. */
export interface BlobStoreUnderTest {
  store: BlobStore;
  /** How many blobs the store holds (files under the content tree, objects under the prefix). */
  countBlobs(): Promise<number>;
  /** Temp or spool files still on disk; a settled put leaves none. */
  leftoverTempFiles(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Large enough that an S3 store opened with a small multipart threshold sends three parts of the
 * 5 MiB minimum; the local store writes it as many chunks.
 */
export const LARGE_BLOB_BYTES = 11 * 1024 * 1024;

/** Emits `before` bytes, then fails like a client that disconnects half way. */
export function abortingSource(before: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(randomBytes(before));
        return;
      }
      setImmediate(() => this.destroy(new Error('client aborted the upload')));
    },
  });
}

/**
 * What every BlobStore promises (blob-store.ts), run against each implementation: the local disk,
 * S3 through a fake client, and S3 on a real S3-compatible server. Implementation details (file
 * layout, which S3 calls are made) stay in each store's own test file.
 */
export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreUnderTest>): void {
  describe(`${name}: the blob store contract`, () => {
    let subject: BlobStoreUnderTest;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => {
      await subject.close();
    });

    it.each([
      ['an empty', 0],
      ['a small', 5000],
      ['a large', LARGE_BLOB_BYTES],
    ])('when %s blob is put in pieces, then it is stored at its SHA-256 address and reads back byte for byte', async (_label, size) => {
      const content = randomBytes(size);
      const half = Math.floor(size / 2);
      const stored = await subject.store.put(Readable.from([content.subarray(0, half), content.subarray(half)]));
      const digest = sha256Hex(content);
      expect(stored).toEqual({ storageRef: `sha256:${digest}`, sha256: digest, size });
      expect(await subject.store.exists(stored.storageRef)).toBe(true);
      expect((await collect(await subject.store.get(stored.storageRef))).equals(content)).toBe(true);
      expect(await subject.leftoverTempFiles()).toEqual([]);
    });

    it('when the same content is put twice, then both puts name one blob', async () => {
      const content = randomBytes(100);
      const first = await subject.store.put(Readable.from([content]));
      const second = await subject.store.put(Readable.from([content]));
      expect(second).toEqual(first);
      expect(await subject.countBlobs()).toBe(1);
    });

    it('when the input stream aborts half way, then the put fails with its error and no blob or temp file is left', async () => {
      await expect(subject.store.put(abortingSource(100_000))).rejects.toThrow('client aborted the upload');
      expect(await subject.countBlobs()).toBe(0);
      expect(await subject.leftoverTempFiles()).toEqual([]);
    });

    it('when a blob is deleted, then it is gone, reading it is BLOB_NOT_FOUND and deleting again succeeds', async () => {
      const kept = await subject.store.put(Readable.from([randomBytes(10)]));
      const { storageRef } = await subject.store.put(Readable.from([randomBytes(10)]));
      await subject.store.delete(storageRef);
      expect(await subject.store.exists(storageRef)).toBe(false);
      await expect(subject.store.get(storageRef)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
      await expect(subject.store.delete(storageRef)).resolves.toBeUndefined();
      expect(await subject.store.exists(kept.storageRef)).toBe(true);
    });

    it('when a blob was never stored, then reading it is BLOB_NOT_FOUND and it does not exist', async () => {
      const missing = `sha256:${sha256Hex(randomBytes(8))}`;
      await expect(subject.store.get(missing)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
      expect(await subject.store.exists(missing)).toBe(false);
    });

    it.each(['sha256:../../etc/passwd', `sha256:${'A'.repeat(64)}`, 'a'.repeat(64), `sha1:${'a'.repeat(40)}`, `sha256:${'a'.repeat(63)}/`])(
      'when the storage reference is %p, then every operation refuses it',
      async (storageRef) => {
        await expect(subject.store.get(storageRef)).rejects.toMatchObject({ code: 'FILE_INVALID_INPUT' });
        await expect(subject.store.exists(storageRef)).rejects.toMatchObject({ code: 'FILE_INVALID_INPUT' });
        await expect(subject.store.delete(storageRef)).rejects.toMatchObject({ code: 'FILE_INVALID_INPUT' });
      },
    );
  });
}
