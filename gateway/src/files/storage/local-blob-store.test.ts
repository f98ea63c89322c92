import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describeBlobStoreContract } from './test-support/blob-store-contract';
import { LocalBlobStore } from './local-blob-store';

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describeBlobStoreContract('local blob store', async () => {
  const root = await mkdtemp(join(tmpdir(), 'medledger-blobs-'));
  return {
    store: new LocalBlobStore(root),
    countBlobs: async () => (await filesUnder(join(root, 'sha256'))).length,
    leftoverTempFiles: () => filesUnder(join(root, '.tmp')),
    close: () => rm(root, { recursive: true, force: true }),
  };
});

describe('local blob store', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'medledger-blobs-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('when a blob is put, then its file is <root>/sha256/<first 2>/<next 2>/<digest>', async () => {
    const { sha256 } = await new LocalBlobStore(root).put(Readable.from([randomBytes(300)]));
    await expect(access(join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256))).resolves.toBeUndefined();
  });

  it('when temp files survive a crash, then start-up removes them', async () => {
    const store = new LocalBlobStore(root);
    await mkdir(join(root, '.tmp'), { recursive: true });
    await writeFile(join(root, '.tmp', 'abc.part'), 'partial');
    expect(await store.removeStaleTempFiles()).toBe(1);
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });
});
