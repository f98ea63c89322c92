import { createDecipheriv, createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { FileIntegrityError } from '../errors';
import { ByteQueue } from './byte-queue';
import { aadPrefix, chunkAad, chunkNonce, DATA_KEY_BYTES, type EncryptionContext, type FileHeader, HEADER_BYTES, parseHeader, TAG_BYTES } from './format';

/** What the chain says the file is; every given field is checked when the stream ends. */
export interface ExpectedContent {
  plaintextSha256?: string;
  ciphertextSha256?: string;
  plaintextBytes?: number;
}

export interface DecryptOptions extends EncryptionContext {
  /**
   * Returns the data key for a parsed (not yet authenticated) header, or rejects, e.g. when the
   * header names another key than the one recorded for this file. The stream zeroes the returned
   * buffer when it is done.
   */
  resolveKey: (header: FileHeader) => Promise<Buffer>;
  expected?: ExpectedContent;
}

export interface DecryptionResult {
  plaintextSha256: string;
  ciphertextSha256: string;
  plaintextBytes: number;
  ciphertextBytes: number;
  chunks: number;
}

/**
 * Decrypts the chunked format. A chunk's plaintext is pushed only after its tag verified, so a
 * consumer never sees unauthenticated bytes. Since the last chunk can only be recognised by the
 * end of the input, the stream always holds back one full chunk until more input or the end
 * arrives; the held-back remainder is opened with last=1, so a stream cut at a chunk boundary or
 * inside a chunk fails authentication. At the end both hashes and the size are compared with the
 * expected values before the last chunk is released; a mismatch errors the stream (the consumer
 * gets an incomplete body and an error, never a clean end).
 */
export class DecryptStream extends Transform {
  readonly #context: EncryptionContext;
  readonly #resolveKey: (header: FileHeader) => Promise<Buffer>;
  readonly #expected: ExpectedContent;
  readonly #pending = new ByteQueue();
  readonly #plainHash: Hash = createHash('sha256');
  readonly #cipherHash: Hash = createHash('sha256');
  #header: FileHeader | undefined;
  #aadPrefix: Buffer | undefined;
  #key: Buffer | undefined;
  #plainBytes = 0;
  #cipherBytes = 0;
  #index = 0;
  #result: DecryptionResult | undefined;

  constructor(options: DecryptOptions) {
    super();
    this.#context = { fileId: options.fileId, patientId: options.patientId };
    this.#resolveKey = options.resolveKey;
    this.#expected = options.expected ?? {};
  }

  result(): DecryptionResult {
    if (this.#result === undefined) {
      throw new Error('decryption has not finished');
    }
    return this.#result;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#cipherHash.update(chunk);
    this.#cipherBytes += chunk.length;
    this.#pending.push(chunk);
    if (this.#header !== undefined) {
      callback(this.#openFullChunks());
      return;
    }
    if (this.#pending.length < HEADER_BYTES) {
      callback();
      return;
    }
    let header: FileHeader;
    try {
      header = parseHeader(this.#pending.take(HEADER_BYTES));
      this.#aadPrefix = aadPrefix(header.bytes, this.#context);
    } catch (error) {
      callback(error as Error);
      return;
    }
    this.#header = header;
    this.#resolveKey(header).then(
      (key) => {
        if (this.destroyed) {
          key.fill(0);
          callback();
          return;
        }
        this.#key = key;
        callback(key.length === DATA_KEY_BYTES ? this.#openFullChunks() : new Error('resolveKey returned a key of the wrong length'));
      },
      (error: unknown) => {
        callback(error as Error);
      },
    );
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.#header === undefined) {
        throw new FileIntegrityError('truncated', `blob ends inside the header (${this.#cipherBytes} bytes)`);
      }
      if (this.#pending.length < TAG_BYTES) {
        throw new FileIntegrityError('truncated', `blob ends without a last chunk (chunk ${this.#index})`);
      }
      const last = this.#open(this.#pending.takeAll(), true);
      const result: DecryptionResult = {
        plaintextSha256: this.#plainHash.digest('hex'),
        ciphertextSha256: this.#cipherHash.digest('hex'),
        plaintextBytes: this.#plainBytes,
        ciphertextBytes: this.#cipherBytes,
        chunks: this.#index,
      };
      // The last chunk is withheld until the recorded hashes match, so a consumer of a mismatching
      // blob never receives the complete content.
      this.#checkExpected(result);
      this.#result = result;
      this.#wipe();
      this.push(last);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#wipe();
    callback(error);
  }

  #openFullChunks(): Error | undefined {
    const header = this.#header as FileHeader;
    const full = header.chunkSize + TAG_BYTES;
    try {
      // Strictly greater: a chunk followed by nothing is the last one and is opened in _flush.
      while (this.#pending.length > full) {
        this.push(this.#open(this.#pending.take(full), false));
      }
      return undefined;
    } catch (error) {
      return error as Error;
    }
  }

  #open(sealed: Buffer, last: boolean): Buffer {
    const header = this.#header as FileHeader;
    const key = this.#key as Buffer;
    const index = this.#index;
    const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(header.noncePrefix, index), { authTagLength: TAG_BYTES });
    decipher.setAAD(chunkAad(this.#aadPrefix as Buffer, index, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
      const tail = decipher.final();
      plaintext = tail.length === 0 ? body : Buffer.concat([body, tail]);
    } catch (error) {
      throw new FileIntegrityError(
        'chunk-authentication',
        `chunk ${index}${last ? ' (as last chunk)' : ''} failed authentication: tampered, truncated, reordered or from another file`,
        { cause: error },
      );
    }
    this.#plainHash.update(plaintext);
    this.#plainBytes += plaintext.length;
    this.#index += 1;
    return plaintext;
  }

  #checkExpected(actual: DecryptionResult): void {
    const expected = this.#expected;
    if (expected.plaintextBytes !== undefined && expected.plaintextBytes !== actual.plaintextBytes) {
      throw new FileIntegrityError('size-mismatch', `expected ${expected.plaintextBytes} bytes, decrypted ${actual.plaintextBytes}`);
    }
    if (expected.ciphertextSha256 !== undefined && expected.ciphertextSha256 !== actual.ciphertextSha256) {
      throw new FileIntegrityError('ciphertext-hash-mismatch', 'stored ciphertext does not match the recorded SHA-256');
    }
    if (expected.plaintextSha256 !== undefined && expected.plaintextSha256 !== actual.plaintextSha256) {
      throw new FileIntegrityError('plaintext-hash-mismatch', 'decrypted content does not match the recorded SHA-256');
    }
  }

  #wipe(): void {
    this.#key?.fill(0);
    this.#key = undefined;
  }
}

export function createDecryptStream(options: DecryptOptions): DecryptStream {
  return new DecryptStream(options);
}
