// File-crypto benchmark: streams BENCH_MIB (default 256) MiB through the gateway's chunked
// encryption (AES-256-GCM per 64 KiB chunk + SHA-256 of plaintext and ciphertext) and, in the
// same run, measures raw node:crypto AES-256-GCM and SHA-256 over the same data, then prints
// throughputs and ratios. A script, not a test: numbers depend on the machine.
//
// Run with `npm run bench` (it first compiles the benchmarked modules with
// gateway/bench/tsconfig.json into gateway/dist, then runs this file).
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const require = createRequire(import.meta.url);
const { EncryptStream } = require('../dist/files/crypto/encrypt-stream.js');
const { DecryptStream } = require('../dist/files/crypto/decrypt-stream.js');

const MiB = 1024 * 1024;
const TOTAL = Number(process.env.BENCH_MIB ?? 256) * MiB;
const PIECE = 64 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POOL = randomBytes(4 * MiB);

/** The same plaintext for every measurement: TOTAL bytes in 64 KiB pieces cut from a random pool. */
function* pieces(total = TOTAL) {
  for (let offset = 0; offset < total; offset += PIECE) {
    const start = offset % POOL.length;
    yield POOL.subarray(start, start + Math.min(PIECE, total - offset));
  }
}

function nullSink() {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

const context = { fileId: 'bench-file', patientId: 'pat-benchmark01' };

async function encryptAndHash(total = TOTAL) {
  const encryptor = new EncryptStream({ ...context, dataKey: randomBytes(32), keyRef: randomBytes(16) });
  await pipeline(Readable.from(pieces(total), { objectMode: false }), encryptor, nullSink());
  return encryptor.result();
}

async function decryptAndVerify(blobPieces, dataKey, expected) {
  const decryptor = new DecryptStream({ ...context, resolveKey: async () => Buffer.from(dataKey), expected });
  await pipeline(Readable.from(blobPieces, { objectMode: false }), decryptor, nullSink());
}

function rawAesGcm() {
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  for (const piece of pieces()) {
    cipher.update(piece);
  }
  cipher.final();
  return cipher.getAuthTag();
}

function rawSha256() {
  const hash = createHash('sha256');
  for (const piece of pieces()) {
    hash.update(piece);
  }
  return hash.digest();
}

/** Seconds one run takes. */
async function seconds(run) {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Best of ROUNDS runs of each measurement, in MB/s (10^6 bytes per second) of plaintext. Rounds
 * interleave the measurements, so a load change on a shared machine hits all of them alike.
 */
async function measureInterleaved(runs) {
  const best = Object.fromEntries(Object.keys(runs).map((name) => [name, Infinity]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, { run }] of Object.entries(runs)) {
      best[name] = Math.min(best[name], await seconds(run));
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, { bytes }]) => [name, bytes / 1e6 / best[name]]));
}

/** A smaller blob kept in memory for the decryption figure (decryption reads a stored blob). */
async function sampleBlob() {
  const dataKey = randomBytes(32);
  const encryptor = new EncryptStream({ ...context, dataKey, keyRef: randomBytes(16) });
  const parts = [];
  const collecting = (async () => {
    for await (const part of encryptor) parts.push(part);
  })();
  await pipeline(Readable.from(pieces(64 * MiB), { objectMode: false }), encryptor);
  await collecting;
  const result = encryptor.result();
  return { parts, dataKey, expected: { plaintextSha256: result.plaintextSha256, ciphertextSha256: result.ciphertextSha256, plaintextBytes: result.plaintextBytes } };
}

function line(label, value, unit = 'MB/s') {
  process.stdout.write(`${label.padEnd(52)} ${value.toFixed(unit === 'MB/s' ? 0 : 3).padStart(8)} ${unit}\n`);
}

await encryptAndHash(16 * MiB); // warm-up
rawAesGcm();
rawSha256();

const blob = await sampleBlob();
const { aes, sha, encrypt, decrypt } = await measureInterleaved({
  aes: { run: async () => rawAesGcm(), bytes: TOTAL },
  sha: { run: async () => rawSha256(), bytes: TOTAL },
  encrypt: { run: () => encryptAndHash(), bytes: TOTAL },
  decrypt: { run: () => decryptAndVerify(blob.parts, blob.dataKey, blob.expected), bytes: 64 * MiB },
});
const combined = 1 / (1 / aes + 2 / sha);

process.stdout.write(`file-crypto benchmark: ${TOTAL / MiB} MiB in ${PIECE / 1024} KiB pieces, best of ${ROUNDS}, node ${process.version}\n`);
line('raw AES-256-GCM (node:crypto, one cipher)', aes);
line('raw SHA-256 (node:crypto)', sha);
line('ideal AES-GCM + 2 x SHA-256 (harmonic)', combined);
line('encrypt+hash stream (chunked GCM, 2 x SHA-256)', encrypt);
line('decrypt+verify stream (64 MiB, hashes checked)', decrypt);
line('ratio encrypt+hash / raw AES-GCM', encrypt / aes, 'x');
line('ratio encrypt+hash / ideal AES-GCM + 2 x SHA-256', encrypt / combined, 'x');
