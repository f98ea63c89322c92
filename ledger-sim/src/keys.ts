/**
 * Key handling shared by the stub and the world state, following fabric-shim's stub.js and
 * Fabric's LevelDB state database.
 */

/** Composite keys start with U+0000, so they sort before every simple key. */
export const COMPOSITE_KEY_NAMESPACE = '\u0000';
const COMPOSITE_KEY_SEPARATOR = '\u0000';
/** Upper bound of a partial-composite-key range: every attribute character sorts below it. */
export const MAX_UNICODE_RUNE = '\u{10ffff}';
/** The shim replaces an empty start key by this, so plain range queries skip composite keys. */
export const EMPTY_KEY_SUBSTITUTE = '\u0001';

export interface SplitKey {
  objectType: string;
  attributes: string[];
}

function requireCompositeKeyPart(part: unknown): void {
  if (typeof part !== 'string' || part.length === 0) {
    throw new Error('object type or attribute not a non-zero length string');
  }
}

export function createCompositeKey(objectType: string, attributes: string[]): string {
  requireCompositeKeyPart(objectType);
  if (!Array.isArray(attributes)) {
    throw new Error('attributes must be an array');
  }
  attributes.forEach(requireCompositeKeyPart);
  return COMPOSITE_KEY_NAMESPACE + [objectType, ...attributes].map((part) => part + COMPOSITE_KEY_SEPARATOR).join('');
}

/**
 * Inverse of createCompositeKey. Like the shim, a key that is not composite yields an object
 * type of null at runtime even though the shim's typings promise a string.
 */
export function splitCompositeKey(compositeKey: string): SplitKey {
  if (typeof compositeKey !== 'string' || compositeKey.length < 2 || !compositeKey.startsWith(COMPOSITE_KEY_NAMESPACE)) {
    return { objectType: null as unknown as string, attributes: [] };
  }
  const [objectType = '', ...rest] = compositeKey.substring(1).split(COMPOSITE_KEY_SEPARATOR);
  rest.pop(); // every part is terminated by a separator, leaving an empty tail
  return { objectType, attributes: rest };
}

/** Range bounds that select every key extending a partial composite key. */
export function partialCompositeKeyRange(objectType: string, attributes: string[]): { startKey: string; endKey: string } {
  const prefix = createCompositeKey(objectType, attributes);
  return { startKey: prefix, endKey: prefix + MAX_UNICODE_RUNE };
}

/** The shim refuses range bounds inside the composite key namespace for plain range queries. */
export function validateSimpleKeys(...keys: string[]): void {
  for (const key of keys) {
    if (typeof key === 'string' && key.startsWith(COMPOSITE_KEY_NAMESPACE)) {
      throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
    }
  }
}

/**
 * Orders keys like LevelDB orders their UTF-8 bytes, which is code point order. Plain string
 * comparison orders UTF-16 code units instead and puts U+E000..U+FFFF after astral characters
 * (surrogates), which would break ranges ending in U+10FFFF.
 */
export function compareKeys(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const leftUnit = left.charCodeAt(index);
    const rightUnit = right.charCodeAt(index);
    if (leftUnit !== rightUnit) {
      return codePointRank(leftUnit) - codePointRank(rightUnit);
    }
  }
  return left.length - right.length;
}

/** Moves surrogates above U+FFFF and U+E000..U+FFFF down into the gap, giving code point order. */
function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) {
    return codeUnit + 0x2000;
  }
  if (codeUnit >= 0xe000) {
    return codeUnit - 0x800;
  }
  return codeUnit;
}
