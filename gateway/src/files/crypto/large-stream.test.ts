import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uniqueFileId, uniquePatientId } from '../file-test-helpers';
import { DecryptStream } from './decrypt-stream';
import { EncryptStream } from './encrypt-stream';

const MiB = 1024 * 1024;
const TOTAL = 100 * MiB;
const PIECE = 50 * 1024; // not a multiple of the chunk size, so chunks straddle input pieces
const GROWTH_LIMIT = 64 * MiB;

interface MemoryPeaks {
  rss: number;
  arrayBuffers: number;
}

function sample(peaks: MemoryPeaks): void {
  const usage = process.memoryUsage();
  peaks.rss = Math.max(peaks.rss, usage.rss);
  peaks.arrayBuffers = Math.max(peaks.arrayBuffers, usage.arrayBuffers);
}

/**
 * 100 MiB produced piece by piece, never held as one buffer. The pipeline runs on microtasks
 * only, so a timer would never fire: memory is sampled from inside the stream instead.
 */
function* generatedContent(peaks: MemoryPeaks): Generator<Buffer> {
  const seed = randomBytes(PIECE);
  for (let offset = 0, index = 0; offset < TOTAL; offset += PIECE, index += 1) {
    const piece = Buffer.from(seed.subarray(0, Math.min(PIECE, TOTAL - offset)));
    piece.writeUInt32BE(index, 0);
    if (index % 16 === 0) {
      sample(peaks);
    }
    yield piece;
  }
}

function hashingSink(hash: ReturnType<typeof createHash>, peaks: MemoryPeaks): Writable {
  let writes = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      writes += 1;
      if (writes % 16 === 0) {
        sample(peaks);
      }
      callback();
    },
  });
}

describe('streaming a large file', () => {
  it('when 100 MiB stream through encryption and decryption, then it round-trips and memory stays bounded', async () => {
    // Arrange
    const context = { fileId: uniqueFileId(), patientId: uniquePatientId() };
    const dataKey = randomBytes(32);
    const keyRef = randomBytes(16);
    const baseline = process.memoryUsage();
    const peaks: MemoryPeaks = { rss: baseline.rss, arrayBuffers: baseline.arrayBuffers };
    const sourceHash = createHash('sha256');
    const source = Readable.from(generatedContent(peaks)).on('data', (piece: Buffer) => sourceHash.update(piece));
    const encryptor = new EncryptStream({ ...context, dataKey, keyRef });
    const decryptor = new DecryptStream({ ...context, resolveKey: () => Promise.resolve(Buffer.from(dataKey)) });
    const outputHash = createHash('sha256');

    // Act
    await pipeline(source, encryptor, decryptor, hashingSink(outputHash, peaks));

    // Assert
    const encrypted = encryptor.result();
    const decrypted = decryptor.result();
    expect(encrypted.plaintextBytes).toBe(TOTAL);
    expect(decrypted.plaintextBytes).toBe(TOTAL);
    expect(decrypted.ciphertextSha256).toBe(encrypted.ciphertextSha256);
    expect(decrypted.plaintextSha256).toBe(encrypted.plaintextSha256);
    expect(outputHash.digest('hex')).toBe(sourceHash.digest('hex'));
    expect(peaks.arrayBuffers - baseline.arrayBuffers).toBeLessThan(GROWTH_LIMIT);
    expect(peaks.rss - baseline.rss).toBeLessThan(GROWTH_LIMIT);
  }, 120_000);
});
