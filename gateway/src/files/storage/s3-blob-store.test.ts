import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { collect, sha256Hex } from '../file-test-helpers';
import { describeBlobStoreContract } from './test-support/blob-store-contract';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store';

/** An in-memory stand-in for S3: objects become visible only on PutObject or CompleteMultipartUpload. */
class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly calls: { command: string; input: Record<string, unknown> }[] = [];
  readonly uploads = new Map<string, Map<number, Buffer>>();
  failOn: string | undefined;

  async send(command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> {
    const name = command.constructor.name;
    const input = command.input;
    this.calls.push({ command: name, input });
    if (this.failOn === name) {
      throw Object.assign(new Error(`${name} failed`), { $metadata: { httpStatusCode: 500 } });
    }
    if (command instanceof PutObjectCommand) {
      return this.#putObject(input);
    }
    if (command instanceof CreateMultipartUploadCommand || command instanceof UploadPartCommand || command instanceof CompleteMultipartUploadCommand || command instanceof AbortMultipartUploadCommand) {
      return this.#multipart(command, input);
    }
    return this.#readOrDelete(command, input.Key as string);
  }

  async #putObject(input: Record<string, unknown>): Promise<unknown> {
    const body = await collect(input.Body as Readable);
    if (body.length !== input.ContentLength) {
      throw new Error('length mismatch');
    }
    if (Buffer.from(sha256Hex(body), 'hex').toString('base64') !== input.ChecksumSHA256) {
      throw new Error('BadDigest');
    }
    this.objects.set(input.Key as string, body);
    return {};
  }

  async #multipart(command: object, input: Record<string, unknown>): Promise<unknown> {
    if (command instanceof CreateMultipartUploadCommand) {
      const uploadId = `upload-${this.uploads.size + 1}`;
      this.uploads.set(uploadId, new Map());
      return { UploadId: uploadId };
    }
    if (command instanceof UploadPartCommand) {
      const body = await collect(input.Body as Readable);
      this.uploads.get(input.UploadId as string)?.set(input.PartNumber as number, body);
      return { ETag: `"etag-${input.PartNumber as number}"` };
    }
    if (command instanceof CompleteMultipartUploadCommand) {
      const parts = this.uploads.get(input.UploadId as string) as Map<number, Buffer>;
      const listed = (input.MultipartUpload as { Parts: { PartNumber: number }[] }).Parts;
      this.objects.set(input.Key as string, Buffer.concat(listed.map((part) => parts.get(part.PartNumber) as Buffer)));
    }
    this.uploads.delete(input.UploadId as string);
    return {};
  }

  #readOrDelete(command: { constructor: { name: string } }, key: string): unknown {
    const object = this.objects.get(key);
    if (command instanceof GetObjectCommand || command instanceof HeadObjectCommand) {
      if (object === undefined) {
        const notFound = command instanceof GetObjectCommand ? 'NoSuchKey' : 'NotFound';
        throw Object.assign(new Error(notFound), { name: notFound, $metadata: { httpStatusCode: 404 } });
      }
      return command instanceof GetObjectCommand ? { Body: Readable.from([object]) } : {};
    }
    if (command instanceof DeleteObjectCommand) {
      this.objects.delete(key);
      return {};
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  }
}

let spool: string;
beforeEach(async () => {
  spool = await mkdtemp(join(tmpdir(), 'medledger-s3-spool-'));
});
afterEach(async () => {
  await rm(spool, { recursive: true, force: true });
});

// With a 1 MiB threshold the contract's large blob goes up in parts, its small ones in one PutObject.
describeBlobStoreContract('S3 blob store on a fake S3', async () => {
  const fake = new FakeS3();
  const spoolDirectory = await mkdtemp(join(tmpdir(), 'medledger-s3-spool-'));
  return {
    store: new S3BlobStore({ client: fake, bucket: 'medledger-blobs', prefix: 'files/', spoolDirectory, multipartThreshold: 1024 * 1024 }),
    countBlobs: () => Promise.resolve(fake.objects.size),
    leftoverTempFiles: () => readdir(spoolDirectory),
    close: () => rm(spoolDirectory, { recursive: true, force: true }),
  };
});

function storeWith(fake: FakeS3, options: Partial<S3BlobStoreOptions> = {}): S3BlobStore {
  return new S3BlobStore({ client: fake, bucket: 'medledger-blobs', prefix: 'files/', spoolDirectory: spool, ...options });
}

describe('S3 blob store', () => {
  it('when a small blob is put, then one PutObject with length and SHA-256 stores it at its content address', async () => {
    const fake = new FakeS3();
    const store = storeWith(fake);
    const content = randomBytes(5000);
    const stored = await store.put(Readable.from([content]));
    const digest = sha256Hex(content);
    expect(stored).toEqual({ storageRef: `sha256:${digest}`, sha256: digest, size: 5000 });
    expect(fake.calls.map((call) => call.command)).toEqual(['PutObjectCommand']);
    expect(fake.calls[0]?.input).toMatchObject({ Bucket: 'medledger-blobs', Key: `files/sha256/${digest}`, ContentLength: 5000 });
    expect((await collect(await store.get(stored.storageRef))).equals(content)).toBe(true);
    expect(await store.exists(stored.storageRef)).toBe(true);
    expect(await readdir(spool)).toEqual([]);
  });

  it('when a blob is above the multipart threshold, then it is uploaded in parts and completed', async () => {
    const fake = new FakeS3();
    const store = storeWith(fake, { multipartThreshold: 1024, partSize: 5 * 1024 * 1024 });
    const content = randomBytes(11 * 1024 * 1024);
    const stored = await store.put(Readable.from([content]));
    expect(fake.calls.map((call) => call.command)).toEqual([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    expect(fake.objects.get(`files/sha256/${stored.sha256}`)?.equals(content)).toBe(true);
    expect(await readdir(spool)).toEqual([]);
  });

  it('when a part upload fails, then the multipart upload is aborted and no object appears', async () => {
    const fake = new FakeS3();
    fake.failOn = 'UploadPartCommand';
    const store = storeWith(fake, { multipartThreshold: 1024 });
    await expect(store.put(Readable.from([randomBytes(4096)]))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(fake.calls.map((call) => call.command)).toContain('AbortMultipartUploadCommand');
    expect(fake.objects.size).toBe(0);
    expect(fake.uploads.size).toBe(0);
    expect(await readdir(spool)).toEqual([]);
  });

  it('when the input aborts half way, then nothing is sent to S3 and the spool is clean', async () => {
    const fake = new FakeS3();
    const store = storeWith(fake);
    const source = new Readable({
      read() {
        this.push(randomBytes(1000));
        setImmediate(() => this.destroy(new Error('client aborted the upload')));
      },
    });
    await expect(store.put(source)).rejects.toThrow('client aborted the upload');
    expect(fake.calls).toEqual([]);
    expect(await readdir(spool)).toEqual([]);
  });

  it('when S3 fails for another reason, then STORAGE_FAILED is raised', async () => {
    const fake = new FakeS3();
    fake.failOn = 'HeadObjectCommand';
    await expect(storeWith(fake).exists(`sha256:${'c'.repeat(64)}`)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});
