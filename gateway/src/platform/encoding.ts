const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** The digit of `value` (always below the alphabet's length) in `alphabet`. */
const digit = (alphabet: string, value: number): string => alphabet.charAt(value);

/** Big-endian bytes as base62, left-padded with '0' to a fixed width so formats can be parsed by length. */
export function base62(bytes: Uint8Array, width: number): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let text = '';
  while (value > 0n) {
    text = digit(BASE62, Number(value % 62n)) + text;
    value /= 62n;
  }
  if (text.length > width) {
    throw new RangeError(`${bytes.length} bytes do not fit ${width} base62 characters`);
  }
  return text.padStart(width, '0');
}

/** Fixed-width base62 characters needed for any value of this many bytes. */
export function base62Width(byteCount: number): number {
  return Math.ceil((byteCount * 8) / Math.log2(62));
}

/** RFC 4648 base32, lowercase, no padding: 16 bytes give 26 characters. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let buffer = 0;
  let text = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += digit(BASE32, (buffer >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  return bits > 0 ? text + digit(BASE32, (buffer << (5 - bits)) & 31) : text;
}
