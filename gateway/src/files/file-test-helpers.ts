import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DecryptStream, type ExpectedContent } from './crypto/decrypt-stream';
import { EncryptStream, type EncryptionResult } from './crypto/encrypt-stream';
import type { EncryptionContext } from './crypto/format';
import { FileIntegrityError } from './errors';

/** Small helpers shared by the file core's unit tests (no test framework imports). */
export function uniquePatientId(): string {
  return `pat-${randomBytes(6).toString('hex')}`;
}

export function uniqueFileId(): string {
  return `file-${randomBytes(6).toString('hex')}`;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) {
    parts.push(Buffer.from(part));
  }
  return Buffer.concat(parts);
}

export interface SealedTestFile {
  blob: Buffer;
  result: EncryptionResult;
  dataKey: Buffer;
  keyRef: Buffer;
}

export async function encryptBuffer(plaintext: Buffer, context: EncryptionContext, chunkSize?: number, dataKey = randomBytes(32)): Promise<SealedTestFile> {
  const keyRef = randomBytes(16);
  const encryptor = new EncryptStream({ ...context, dataKey, keyRef, ...(chunkSize === undefined ? {} : { chunkSize }) });
  const [blob] = await Promise.all([collect(encryptor), pipeline(Readable.from([plaintext]), encryptor)]);
  return { blob, result: encryptor.result(), dataKey, keyRef };
}

/** Decrypts a blob; `received` collects what the consumer was given before any error. */
export async function decryptBuffer(
  blob: Buffer,
  context: EncryptionContext,
  sealed: Pick<SealedTestFile, 'dataKey' | 'keyRef'>,
  expected?: ExpectedContent,
  received: Buffer[] = [],
): Promise<Buffer> {
  const decryptor = new DecryptStream({
    ...context,
    ...(expected === undefined ? {} : { expected }),
    resolveKey: (header) =>
      header.keyRef.equals(sealed.keyRef)
        ? Promise.resolve(Buffer.from(sealed.dataKey))
        : Promise.reject(new FileIntegrityError('key-reference-mismatch', 'test key lookup: unknown key reference')),
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from([blob]), decryptor, sink);
  return Buffer.concat(received);
}
