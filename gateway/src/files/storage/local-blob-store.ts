import { access, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fsyncDirectory } from '../../platform/durable-fs';
import { FileError } from '../errors';
import { type BlobStore, digestOf, type StoredBlob, storageRefOf } from './blob-store';
import { storage, writeTempBlobFile } from './temp-blob-file';

const TEMP_DIR = '.tmp';

/**
 * Blobs on the local file system under <root>/sha256/<aa>/<bb>/<digest>. An upload streams into
 * <root>/.tmp (same file system), is fsynced, then renamed to its content address and the
 * directory fsynced: a crash or an aborted upload never leaves a partial blob at a content path,
 * only a *.part temp file that removeStaleTempFiles() clears at start-up.
 */
export class LocalBlobStore implements BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  async put(source: Readable): Promise<StoredBlob> {
    const temp = await writeTempBlobFile(source, join(this.#root, TEMP_DIR));
    const target = this.#pathOf(temp.sha256);
    try {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      if (await present(target)) {
        await rm(temp.path, { force: true });
      } else {
        await rename(temp.path, target);
        await fsyncDirectory(dirname(target));
      }
    } catch (error) {
      await rm(temp.path, { force: true });
      throw new FileError('STORAGE_FAILED', 'cannot move the blob to its content address', { cause: error });
    }
    return { storageRef: storageRefOf(temp.sha256), sha256: temp.sha256, size: temp.size };
  }

  async get(storageRef: string): Promise<Readable> {
    const path = this.#pathOf(digestOf(storageRef));
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new FileError('BLOB_NOT_FOUND', `no blob ${storageRef}`);
      }
      throw new FileError('STORAGE_FAILED', 'cannot open the blob', { cause: error });
    }
  }

  async delete(storageRef: string): Promise<void> {
    const path = this.#pathOf(digestOf(storageRef));
    await storage('cannot delete the blob', () => rm(path, { force: true }));
    await fsyncDirectory(dirname(path));
  }

  async exists(storageRef: string): Promise<boolean> {
    return present(this.#pathOf(digestOf(storageRef)));
  }

  /** Removes temp files left by a crash; call at start-up, before accepting uploads. */
  async removeStaleTempFiles(): Promise<number> {
    const directory = join(this.#root, TEMP_DIR);
    const names = await readdir(directory).catch(() => [] as string[]);
    const stale = names.filter((name) => name.endsWith('.part'));
    await Promise.all(stale.map((name) => rm(join(directory, name), { force: true })));
    return stale.length;
  }

  #pathOf(digest: string): string {
    return join(this.#root, 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
  }
}

async function present(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
