import { createCipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { FileError } from '../errors';
import { ByteQueue } from './byte-queue';
import {
  aadPrefix,
  chunkAad,
  chunkNonce,
  DATA_KEY_BYTES,
  DEFAULT_CHUNK_SIZE,
  encodeHeader,
  type EncryptionContext,
  KEY_REF_BYTES,
  NONCE_PREFIX_BYTES,
  requireChunkSize,
} from './format';

export interface EncryptOptions extends EncryptionContext {
  /** The file's fresh 256-bit data key; the stream keeps a copy and zeroes it when done. */
  dataKey: Buffer;
  /** Reference of the wrapped data key in the key vault, written into the header. */
  keyRef: Buffer;
  chunkSize?: number;
}

/** What goes on chain: both hashes are lowercase hex SHA-256. */
export interface EncryptionResult {
  plaintextSha256: string;
  ciphertextSha256: string;
  plaintextBytes: number;
  ciphertextBytes: number;
  chunks: number;
}

/**
 * Encrypts a plaintext byte stream into the chunked format (see format.ts), hashing plaintext and
 * ciphertext on the way. It holds at most one chunk of plaintext plus the chunk being sealed.
 */
export class EncryptStream extends Transform {
  readonly #key: Buffer;
  readonly #chunkSize: number;
  readonly #noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  readonly #aadPrefix: Buffer;
  readonly #pending = new ByteQueue();
  readonly #plainHash: Hash = createHash('sha256');
  readonly #cipherHash: Hash = createHash('sha256');
  #plainBytes = 0;
  #cipherBytes = 0;
  #index = 0;
  #result: EncryptionResult | undefined;

  constructor(options: EncryptOptions) {
    const chunkSize = requireChunkSize(options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    super({ readableHighWaterMark: chunkSize, writableHighWaterMark: chunkSize });
    if (options.dataKey.length !== DATA_KEY_BYTES || options.keyRef.length !== KEY_REF_BYTES) {
      throw new FileError('FILE_INVALID_INPUT', `data key must be ${DATA_KEY_BYTES} bytes and key reference ${KEY_REF_BYTES} bytes`);
    }
    const header = encodeHeader(chunkSize, this.#noncePrefix, options.keyRef);
    this.#key = Buffer.from(options.dataKey);
    this.#chunkSize = chunkSize;
    this.#aadPrefix = aadPrefix(header, options);
    this.#emit(header);
  }

  /** Hashes and sizes; available once the stream has ended. */
  result(): EncryptionResult {
    if (this.#result === undefined) {
      throw new Error('encryption has not finished');
    }
    return this.#result;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#plainHash.update(chunk);
      this.#plainBytes += chunk.length;
      this.#pending.push(chunk);
      // Strictly greater: the chunk that turns out to be the last is sealed in _flush with last=1.
      while (this.#pending.length > this.#chunkSize) {
        this.#seal(this.#pending.take(this.#chunkSize), false);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.#seal(this.#pending.takeAll(), true);
      this.#result = {
        plaintextSha256: this.#plainHash.digest('hex'),
        ciphertextSha256: this.#cipherHash.digest('hex'),
        plaintextBytes: this.#plainBytes,
        ciphertextBytes: this.#cipherBytes,
        chunks: this.#index,
      };
      this.#key.fill(0);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#key.fill(0);
    callback(error);
  }

  #seal(plaintext: Buffer, last: boolean): void {
    const cipher = createCipheriv('aes-256-gcm', this.#key, chunkNonce(this.#noncePrefix, this.#index), { authTagLength: 16 });
    cipher.setAAD(chunkAad(this.#aadPrefix, this.#index, last));
    const body = cipher.update(plaintext);
    const tail = cipher.final();
    this.#emit(tail.length === 0 ? body : Buffer.concat([body, tail]));
    this.#emit(cipher.getAuthTag());
    this.#index += 1;
  }

  #emit(bytes: Buffer): void {
    this.#cipherHash.update(bytes);
    this.#cipherBytes += bytes.length;
    this.push(bytes);
  }
}

export function createEncryptStream(options: EncryptOptions): EncryptStream {
  return new EncryptStream(options);
}
