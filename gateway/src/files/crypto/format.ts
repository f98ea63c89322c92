import { FileError, FileIntegrityError } from '../errors';

/**
 * The encrypted file format (version 1). A blob is a 36-byte header followed by chunks:
 *
 *   header  = magic "MLEF" | version u8 (1) | algorithm u8 (1 = AES-256-GCM) | reserved u16 (0)
 *             | chunkSize u32 BE | noncePrefix 8 bytes | keyRef 16 bytes
 *   chunk i = AES-256-GCM ciphertext of plaintext bytes [i*chunkSize, (i+1)*chunkSize) | 16-byte tag
 *
 * Every chunk but the last carries exactly chunkSize plaintext bytes; the last carries 0..chunkSize
 * (an empty file is one empty last chunk). Chunk i uses nonce = noncePrefix | u32 BE i and
 * AAD = header bytes | u16 len | fileId | u16 len | patientId | u64 BE i | u8 last-flag.
 */
export const MAGIC = Buffer.from('MLEF', 'ascii');
export const FORMAT_VERSION = 1;
export const ALGORITHM_AES_256_GCM = 1;
export const HEADER_BYTES = 36;
export const NONCE_PREFIX_BYTES = 8;
export const KEY_REF_BYTES = 16;
export const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MIN_CHUNK_SIZE = 16;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** The nonce counter is 32 bits, so a file has at most 2^32 chunks (256 TiB at 64 KiB). */
export const MAX_CHUNKS = 2 ** 32;

const MAX_CONTEXT_BYTES = 1024;

export interface FileHeader {
  version: number;
  chunkSize: number;
  noncePrefix: Buffer;
  keyRef: Buffer;
  /** The exact header bytes, bound into every chunk's AAD. */
  bytes: Buffer;
}

/** What a blob is bound to: swapping chunks or blobs between files or patients fails authentication. */
export interface EncryptionContext {
  fileId: string;
  patientId: string;
}

export function requireChunkSize(chunkSize: number): number {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new FileError('FILE_INVALID_INPUT', `chunk size must be a whole number of bytes from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`);
  }
  return chunkSize;
}

export function encodeHeader(chunkSize: number, noncePrefix: Buffer, keyRef: Buffer): Buffer {
  if (noncePrefix.length !== NONCE_PREFIX_BYTES || keyRef.length !== KEY_REF_BYTES) {
    throw new FileError('FILE_INVALID_INPUT', `nonce prefix must be ${NONCE_PREFIX_BYTES} bytes and key reference ${KEY_REF_BYTES} bytes`);
  }
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 4);
  header.writeUInt8(ALGORITHM_AES_256_GCM, 5);
  header.writeUInt16BE(0, 6);
  header.writeUInt32BE(requireChunkSize(chunkSize), 8);
  noncePrefix.copy(header, 12);
  keyRef.copy(header, 20);
  return header;
}

/** Parses and checks a header; its authenticity is proven by the first chunk, whose AAD contains it. */
export function parseHeader(bytes: Buffer): FileHeader {
  if (bytes.length !== HEADER_BYTES || !bytes.subarray(0, 4).equals(MAGIC)) {
    throw new FileIntegrityError('bad-header', 'not a MedLedger encrypted file');
  }
  const version = bytes.readUInt8(4);
  if (version !== FORMAT_VERSION) {
    throw new FileIntegrityError('bad-header', `unsupported format version ${version}`);
  }
  if (bytes.readUInt8(5) !== ALGORITHM_AES_256_GCM || bytes.readUInt16BE(6) !== 0) {
    throw new FileIntegrityError('bad-header', 'unknown algorithm or reserved bits set');
  }
  const chunkSize = bytes.readUInt32BE(8);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    // Also bounds the decryptor's memory: a forged header cannot make it buffer a whole file.
    throw new FileIntegrityError('bad-header', `chunk size ${chunkSize} is outside ${MIN_CHUNK_SIZE}..${MAX_CHUNK_SIZE}`);
  }
  return {
    version,
    chunkSize,
    noncePrefix: Buffer.from(bytes.subarray(12, 20)),
    keyRef: Buffer.from(bytes.subarray(20, 36)),
    bytes: Buffer.from(bytes),
  };
}

/** The per-file part of every chunk's AAD; the chunk index and last flag are appended per chunk. */
export function aadPrefix(headerBytes: Buffer, context: EncryptionContext): Buffer {
  return Buffer.concat([headerBytes, lengthPrefixed('fileId', context.fileId), lengthPrefixed('patientId', context.patientId)]);
}

export function chunkAad(prefix: Buffer, index: number, last: boolean): Buffer {
  const aad = Buffer.allocUnsafe(prefix.length + 9);
  prefix.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), prefix.length);
  aad.writeUInt8(last ? 1 : 0, prefix.length + 8);
  return aad;
}

export function chunkNonce(noncePrefix: Buffer, index: number): Buffer {
  if (index >= MAX_CHUNKS) {
    throw new FileIntegrityError('too-many-chunks', `a file may have at most ${MAX_CHUNKS} chunks`);
  }
  const nonce = Buffer.allocUnsafe(NONCE_PREFIX_BYTES + 4);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
  return nonce;
}

/** u16 length + UTF-8 bytes, so ("ab","c") and ("a","bc") never produce the same AAD. */
export function lengthPrefixed(field: string, value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length === 0 || bytes.length > MAX_CONTEXT_BYTES) {
    throw new FileError('FILE_INVALID_INPUT', `${field} must be 1-${MAX_CONTEXT_BYTES} bytes`);
  }
  const out = Buffer.allocUnsafe(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  return out;
}
