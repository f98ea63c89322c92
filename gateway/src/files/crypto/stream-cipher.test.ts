import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileError, FileIntegrityError } from '../errors';
import { collect, decryptBuffer, encryptBuffer, sha256Hex, uniqueFileId, uniquePatientId } from '../file-test-helpers';
import { DecryptStream } from './decrypt-stream';
import { EncryptStream } from './encrypt-stream';
import { DEFAULT_CHUNK_SIZE, HEADER_BYTES, parseHeader, TAG_BYTES } from './format';

function newContext(): { fileId: string; patientId: string } {
  return { fileId: uniqueFileId(), patientId: uniquePatientId() };
}

/** Splits a blob into header and sealed chunks (chunk size taken from the header). */
function chunksOf(blob: Buffer): { header: Buffer; chunks: Buffer[] } {
  const header = blob.subarray(0, HEADER_BYTES);
  const full = parseHeader(header).chunkSize + TAG_BYTES;
  const chunks: Buffer[] = [];
  for (let offset = HEADER_BYTES; offset < blob.length; offset += full) {
    chunks.push(blob.subarray(offset, Math.min(offset + full, blob.length)));
  }
  return { header, chunks };
}

describe('streaming file encryption', () => {
  describe('round trips', () => {
    const C = DEFAULT_CHUNK_SIZE;
    it.each([
      ['0 B', 0, 1],
      ['1 B', 1, 1],
      ['chunk - 1', C - 1, 1],
      ['chunk', C, 1],
      ['chunk + 1', C + 1, 2],
      ['3 chunks + 5', 3 * C + 5, 4],
    ])('when %s is encrypted and decrypted, then the plaintext, both hashes and sizes come back', async (_label, size, chunks) => {
      // Arrange
      const context = newContext();
      const plaintext = randomBytes(size);
      // Act
      const sealed = await encryptBuffer(plaintext, context);
      const decrypted = await decryptBuffer(sealed.blob, context, sealed, {
        plaintextSha256: sha256Hex(plaintext),
        ciphertextSha256: sha256Hex(sealed.blob),
        plaintextBytes: size,
      });
      // Assert
      expect(decrypted.equals(plaintext)).toBe(true);
      expect(sealed.result).toEqual({
        plaintextSha256: sha256Hex(plaintext),
        ciphertextSha256: sha256Hex(sealed.blob),
        plaintextBytes: size,
        ciphertextBytes: sealed.blob.length,
        chunks,
      });
      expect(sealed.blob.length).toBe(HEADER_BYTES + size + chunks * TAG_BYTES);
    });

    it('when the plaintext arrives in odd-sized pieces, then the blob decrypts to the same bytes', async () => {
      // Arrange
      const context = newContext();
      const plaintext = randomBytes(1000);
      const pieces: Buffer[] = [];
      for (let offset = 0, size = 1; offset < plaintext.length; offset += size, size = (size * 7) % 97 + 1) {
        pieces.push(plaintext.subarray(offset, offset + size));
      }
      const keyRef = randomBytes(16);
      const dataKey = randomBytes(32);
      const encryptor = new EncryptStream({ ...context, dataKey, keyRef, chunkSize: 64 });
      // Act
      const [blob] = await Promise.all([collect(encryptor), pipeline(Readable.from(pieces), encryptor)]);
      const decrypted = await decryptBuffer(blob, context, { dataKey, keyRef });
      // Assert
      expect(decrypted.equals(plaintext)).toBe(true);
      expect(encryptor.result().chunks).toBe(16);
    });

    it('when the same content is encrypted twice, then nonce prefixes and blobs differ', async () => {
      const context = newContext();
      const plaintext = randomBytes(100);
      const dataKey = randomBytes(32);
      const first = await encryptBuffer(plaintext, context, 32, dataKey);
      const second = await encryptBuffer(plaintext, context, 32, dataKey);
      expect(parseHeader(first.blob.subarray(0, HEADER_BYTES)).noncePrefix.equals(parseHeader(second.blob.subarray(0, HEADER_BYTES)).noncePrefix)).toBe(false);
      expect(first.blob.equals(second.blob)).toBe(false);
    });
  });

  describe('tampering', () => {
    it('when any single bit of a multi-chunk blob is flipped, then decryption fails every time', async () => {
      // Arrange: 40 bytes in 16-byte chunks = 3 chunks, so header, full chunks, last chunk and tags are covered.
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(40), context, 16);
      let detected = 0;
      // Act
      for (let bit = 0; bit < sealed.blob.length * 8; bit += 1) {
        const tampered = Buffer.from(sealed.blob);
        tampered[bit >> 3] = (tampered[bit >> 3] as number) ^ (1 << (bit & 7));
        const error = await decryptBuffer(tampered, context, sealed).then(() => undefined, (failure: unknown) => failure);
        if (error instanceof FileIntegrityError) {
          detected += 1;
        }
      }
      // Assert
      expect(sealed.blob.length).toBe(HEADER_BYTES + 40 + 3 * TAG_BYTES);
      expect(detected).toBe(sealed.blob.length * 8);
    });

    it('when the blob is cut at any length, then decryption fails with an integrity error', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(40), context, 16);
      for (let length = 0; length < sealed.blob.length; length += 1) {
        await expect(decryptBuffer(sealed.blob.subarray(0, length), context, sealed)).rejects.toBeInstanceOf(FileIntegrityError);
      }
    });

    it('when the last chunk is dropped, then decryption fails as a truncation of the earlier chunk', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(48), context, 16);
      const { header, chunks } = chunksOf(sealed.blob);
      const withoutLast = Buffer.concat([header, ...chunks.slice(0, -1)]);
      await expect(decryptBuffer(withoutLast, context, sealed)).rejects.toMatchObject({ reason: 'chunk-authentication' });
    });

    it('when an empty file loses its only chunk, then decryption fails as truncated', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(Buffer.alloc(0), context);
      expect(sealed.blob.length).toBe(HEADER_BYTES + TAG_BYTES);
      await expect(decryptBuffer(sealed.blob.subarray(0, HEADER_BYTES), context, sealed)).rejects.toMatchObject({ reason: 'truncated' });
    });

    it('when bytes are appended after the last chunk, then decryption fails', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(40), context, 16);
      await expect(decryptBuffer(Buffer.concat([sealed.blob, Buffer.alloc(1)]), context, sealed)).rejects.toBeInstanceOf(FileIntegrityError);
      const { chunks } = chunksOf(sealed.blob);
      await expect(decryptBuffer(Buffer.concat([sealed.blob, chunks[0] as Buffer]), context, sealed)).rejects.toBeInstanceOf(FileIntegrityError);
    });

    it('when two chunks are swapped, then decryption fails', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(64), context, 16);
      const { header, chunks } = chunksOf(sealed.blob);
      const [c0, c1, c2, c3] = chunks as [Buffer, Buffer, Buffer, Buffer];
      await expect(decryptBuffer(Buffer.concat([header, c1, c0, c2, c3]), context, sealed)).rejects.toMatchObject({ reason: 'chunk-authentication' });
      await expect(decryptBuffer(Buffer.concat([header, c0, c1, c3, c2]), context, sealed)).rejects.toMatchObject({ reason: 'chunk-authentication' });
    });

    it('when a chunk comes from another file of the same patient, then decryption fails', async () => {
      const patientId = uniquePatientId();
      const a = { fileId: uniqueFileId(), patientId };
      const b = { fileId: uniqueFileId(), patientId };
      const sealedA = await encryptBuffer(randomBytes(48), a, 16);
      const sealedB = await encryptBuffer(randomBytes(48), b, 16);
      const partsA = chunksOf(sealedA.blob);
      const partsB = chunksOf(sealedB.blob);
      const mixed = Buffer.concat([partsA.header, partsA.chunks[0] as Buffer, partsB.chunks[1] as Buffer, partsA.chunks[2] as Buffer]);
      await expect(decryptBuffer(mixed, a, sealedA)).rejects.toMatchObject({ reason: 'chunk-authentication' });
    });

    it('when even the same data key were used, then a blob opened as another file or patient fails', async () => {
      // Data keys are unique per file; this shows the AAD binding holds on its own.
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(40), context, 16);
      await expect(decryptBuffer(sealed.blob, { ...context, fileId: uniqueFileId() }, sealed)).rejects.toMatchObject({ reason: 'chunk-authentication' });
      await expect(decryptBuffer(sealed.blob, { ...context, patientId: uniquePatientId() }, sealed)).rejects.toMatchObject({ reason: 'chunk-authentication' });
    });

    it('when a chunk is tampered, then the consumer has received only the chunks before it', async () => {
      const context = newContext();
      const plaintext = randomBytes(40);
      const sealed = await encryptBuffer(plaintext, context, 16);
      const tampered = Buffer.from(sealed.blob);
      const secondChunkByte = HEADER_BYTES + 16 + TAG_BYTES + 3;
      tampered[secondChunkByte] = (tampered[secondChunkByte] as number) ^ 1;
      const received: Buffer[] = [];
      await expect(decryptBuffer(tampered, context, sealed, undefined, received)).rejects.toBeInstanceOf(FileIntegrityError);
      expect(Buffer.concat(received).equals(plaintext.subarray(0, 16))).toBe(true);
    });
  });

  describe('recorded hashes', () => {
    it.each([
      ['plaintext hash', { plaintextSha256: '0'.repeat(64) }, 'plaintext-hash-mismatch'],
      ['ciphertext hash', { ciphertextSha256: '0'.repeat(64) }, 'ciphertext-hash-mismatch'],
      ['size', { plaintextBytes: 41 }, 'size-mismatch'],
    ])('when the recorded %s differs, then the stream errors and withholds the last chunk', async (_label, expected, reason) => {
      const context = newContext();
      const plaintext = randomBytes(40);
      const sealed = await encryptBuffer(plaintext, context, 16);
      const received: Buffer[] = [];
      await expect(decryptBuffer(sealed.blob, context, sealed, expected, received)).rejects.toMatchObject({ reason });
      expect(Buffer.concat(received).equals(plaintext.subarray(0, 32))).toBe(true);
    });

    it('when a one-chunk file mismatches its recorded hash, then the consumer receives nothing', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(100), context);
      const received: Buffer[] = [];
      await expect(decryptBuffer(sealed.blob, context, sealed, { plaintextSha256: '1'.repeat(64) }, received)).rejects.toBeInstanceOf(FileIntegrityError);
      expect(received).toHaveLength(0);
    });
  });

  describe('refusals', () => {
    it.each([15, 16 * 1024 * 1024 + 1, 1.5])('when the chunk size is %p, then encryption is refused', (chunkSize) => {
      expect(() => new EncryptStream({ ...newContext(), dataKey: randomBytes(32), keyRef: randomBytes(16), chunkSize })).toThrow(FileError);
    });

    it('when the data key is not 32 bytes, then encryption is refused', () => {
      expect(() => new EncryptStream({ ...newContext(), dataKey: randomBytes(16), keyRef: randomBytes(16) })).toThrow(FileError);
    });

    it('when the key lookup rejects, then the stream fails with that error and emits nothing', async () => {
      const context = newContext();
      const sealed = await encryptBuffer(randomBytes(40), context, 16);
      const decryptor = new DecryptStream({ ...context, resolveKey: () => Promise.reject(new FileError('FILE_KEY_UNAVAILABLE', 'erased')) });
      const received = collect(decryptor);
      Readable.from([sealed.blob]).pipe(decryptor);
      await expect(received).rejects.toMatchObject({ code: 'FILE_KEY_UNAVAILABLE' });
    });
  });
});
