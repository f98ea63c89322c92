import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { FileError } from '../errors';
import { type BlobStore, digestOf, type StoredBlob, storageRefOf } from './blob-store';
import { storage, type TempBlobFile, writeTempBlobFile } from './temp-blob-file';

const MiB = 1024 * 1024;
const MIN_PART_SIZE = 5 * MiB;
const MAX_PARTS = 10_000;

export interface S3BlobStoreOptions {
  /** An S3Client (or anything with its send method), configured by the caller for S3 or MinIO. */
  client: Pick<S3Client, 'send'>;
  bucket: string;
  /** Key prefix; blobs live at <prefix>sha256/<digest>. */
  prefix?: string;
  /** Local directory for spooling an upload while its content address is computed. */
  spoolDirectory: string;
  /** Uploads up to this size use one PutObject; larger ones a multipart upload. */
  multipartThreshold?: number;
  partSize?: number;
}

/**
 * Blobs in an S3-compatible bucket. The content address is known only after the last byte, so an
 * upload is spooled to a local temp file (hashing it on the way), then sent with a known length:
 * one PutObject carrying the SHA-256 for the server to verify, or a multipart upload that is
 * aborted on any failure. S3 makes an object visible only when its upload completes, so a failed
 * upload never leaves a partial blob; the spool file is always removed.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: Pick<S3Client, 'send'>;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #spoolDirectory: string;
  readonly #multipartThreshold: number;
  readonly #partSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
    this.#spoolDirectory = options.spoolDirectory;
    this.#multipartThreshold = options.multipartThreshold ?? 64 * MiB;
    this.#partSize = Math.max(options.partSize ?? 16 * MiB, MIN_PART_SIZE);
  }

  async put(source: Readable): Promise<StoredBlob> {
    const temp = await writeTempBlobFile(source, this.#spoolDirectory);
    try {
      const key = this.#keyOf(temp.sha256);
      await storage('cannot upload the blob', () =>
        temp.size <= this.#multipartThreshold ? this.#putObject(key, temp) : this.#putMultipart(key, temp),
      );
      return { storageRef: storageRefOf(temp.sha256), sha256: temp.sha256, size: temp.size };
    } finally {
      await rm(temp.path, { force: true });
    }
  }

  async get(storageRef: string): Promise<Readable> {
    const key = this.#keyOf(digestOf(storageRef));
    let body: unknown;
    try {
      body = (await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }))).Body;
    } catch (error) {
      throw isNotFound(error) ? new FileError('BLOB_NOT_FOUND', `no blob ${storageRef}`) : new FileError('STORAGE_FAILED', 'cannot read the blob', { cause: error });
    }
    if (!(body instanceof Readable)) {
      throw new FileError('STORAGE_FAILED', 'the S3 client returned no Node stream for the blob');
    }
    return body;
  }

  async delete(storageRef: string): Promise<void> {
    const key = this.#keyOf(digestOf(storageRef));
    await storage('cannot delete the blob', () => this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key })));
  }

  async exists(storageRef: string): Promise<boolean> {
    const key = this.#keyOf(digestOf(storageRef));
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw new FileError('STORAGE_FAILED', 'cannot look up the blob', { cause: error });
    }
  }

  async #putObject(key: string, temp: TempBlobFile): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: createReadStream(temp.path),
        ContentLength: temp.size,
        ContentType: 'application/octet-stream',
        ChecksumSHA256: Buffer.from(temp.sha256, 'hex').toString('base64'),
      }),
    );
  }

  async #putMultipart(key: string, temp: TempBlobFile): Promise<void> {
    const partSize = Math.max(this.#partSize, Math.ceil(temp.size / MAX_PARTS));
    const created = await this.#client.send(new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: key, ContentType: 'application/octet-stream' }));
    const uploadId = created.UploadId;
    if (uploadId === undefined) {
      throw new Error('CreateMultipartUpload returned no UploadId');
    }
    try {
      const parts: { ETag: string | undefined; PartNumber: number }[] = [];
      for (let offset = 0, partNumber = 1; offset < temp.size; offset += partSize, partNumber += 1) {
        const length = Math.min(partSize, temp.size - offset);
        const uploaded = await this.#client.send(
          new UploadPartCommand({
            Bucket: this.#bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: createReadStream(temp.path, { start: offset, end: offset + length - 1 }),
            ContentLength: length,
          }),
        );
        parts.push({ ETag: uploaded.ETag, PartNumber: partNumber });
      }
      await this.#client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.#bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (error) {
      await this.#client.send(new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  #keyOf(digest: string): string {
    return `${this.#prefix}sha256/${digest}`;
  }
}

function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return candidate?.name === 'NoSuchKey' || candidate?.name === 'NotFound' || candidate?.$metadata?.httpStatusCode === 404;
}
