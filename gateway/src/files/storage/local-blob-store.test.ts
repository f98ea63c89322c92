import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { collect, sha256Hex } from '../file-test-helpers';
import { LocalBlobStore } from './local-blob-store';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'medledger-blobs-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Emits `before` bytes, then fails like a client that disconnects half way. */
function abortingSource(before: number): Readable {
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

describe('local blob store', () => {
  it('when a blob is put, then it is stored at its SHA-256 address and reads back', async () => {
    const store = new LocalBlobStore(root);
    const content = randomBytes(200_000);
    const stored = await store.put(Readable.from([content.subarray(0, 70_000), content.subarray(70_000)]));
    expect(stored).toEqual({ storageRef: `sha256:${sha256Hex(content)}`, sha256: sha256Hex(content), size: content.length });
    expect(await store.exists(stored.storageRef)).toBe(true);
    expect((await collect(await store.get(stored.storageRef))).equals(content)).toBe(true);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });

  it('when the same content is put twice, then one blob remains', async () => {
    const store = new LocalBlobStore(root);
    const content = randomBytes(100);
    await store.put(Readable.from([content]));
    await store.put(Readable.from([content]));
    expect(await filesUnder(join(root, 'sha256'))).toHaveLength(1);
  });

  it('when the input stream aborts half way, then the put fails and no file is visible or left behind', async () => {
    const store = new LocalBlobStore(root);
    await expect(store.put(abortingSource(100_000))).rejects.toThrow('client aborted the upload');
    expect(await filesUnder(join(root, 'sha256'))).toEqual([]);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });

  it('when a blob is deleted, then it is gone and deleting again succeeds', async () => {
    const store = new LocalBlobStore(root);
    const { storageRef } = await store.put(Readable.from([randomBytes(10)]));
    await store.delete(storageRef);
    expect(await store.exists(storageRef)).toBe(false);
    await expect(store.delete(storageRef)).resolves.toBeUndefined();
  });

  it('when a missing blob is read, then BLOB_NOT_FOUND is raised', async () => {
    const store = new LocalBlobStore(root);
    await expect(store.get(`sha256:${'a'.repeat(64)}`)).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
  });

  it.each(['sha256:../../etc/passwd', `sha256:${'A'.repeat(64)}`, 'a'.repeat(64), `sha1:${'a'.repeat(40)}`])(
    'when the storage reference is %p, then it is refused',
    async (storageRef) => {
      const store = new LocalBlobStore(root);
      await expect(store.get(storageRef)).rejects.toMatchObject({ code: 'FILE_INVALID_INPUT' });
      await expect(store.delete(storageRef)).rejects.toMatchObject({ code: 'FILE_INVALID_INPUT' });
    },
  );

  it('when temp files survive a crash, then start-up removes them', async () => {
    const store = new LocalBlobStore(root);
    await mkdir(join(root, '.tmp'), { recursive: true });
    await writeFile(join(root, '.tmp', 'abc.part'), 'partial');
    expect(await store.removeStaleTempFiles()).toBe(1);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });
});
