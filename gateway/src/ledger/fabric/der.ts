/** The few DER encodings this folder writes (ECDSA signatures, certificate signing requests). */

export function derLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function derTlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

export const derSequence = (...contents: Uint8Array[]): Buffer => derTlv(0x30, ...contents);
export const derSet = (...contents: Uint8Array[]): Buffer => derTlv(0x31, ...contents);

/** A non-negative integer, minimal big-endian two's complement. */
export function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) {
    hex = `0${hex}`;
  }
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) {
    bytes = Buffer.concat([Buffer.from([0]), bytes]);
  }
  return derTlv(0x02, bytes);
}

/** An object identifier already encoded (the bytes after tag and length). */
export const derOid = (encoded: string): Buffer => derTlv(0x06, Buffer.from(encoded, 'hex'));

export const derUtf8 = (text: string): Buffer => derTlv(0x0c, Buffer.from(text, 'utf8'));

export const derBitString = (bytes: Uint8Array): Buffer => derTlv(0x03, Buffer.from([0]), bytes);
