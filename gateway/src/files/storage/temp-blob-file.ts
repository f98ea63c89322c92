import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileError } from '../errors';

export interface TempBlobFile {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Streams a source into a new temp file in `directory` while hashing it, and fsyncs the file.
 * If the source fails or is aborted, the temp file is removed and the source's error rethrown;
 * file-system failures become STORAGE_FAILED.
 */
export async function writeTempBlobFile(source: Readable, directory: string): Promise<TempBlobFile> {
  const path = join(directory, `${randomBytes(12).toString('hex')}.part`);
  const handle = await storage('cannot create a temp file', async () => {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    return open(path, 'wx', 0o600);
  });
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of source) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      hash.update(bytes);
      size += bytes.length;
      await storage('cannot write the temp file', () => writeAll(handle, bytes));
    }
    await storage('cannot fsync the temp file', () => handle.sync());
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return { path, sha256: hash.digest('hex'), size };
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
  }
}

export async function storage<T>(message: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw error instanceof FileError ? error : new FileError('STORAGE_FAILED', message, { cause: error });
  }
}
