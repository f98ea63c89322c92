import { inflateRawSync } from 'node:zlib';
import { refuse, SamlRefusal } from './refusal';

/** Far above any real SAML message, far below anything that could hurt (also caps inflation). */
export const MAX_MESSAGE_BYTES = 200_000;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A single, non-empty string field of a form or query; repeated fields are refused, not merged. */
export function singleField(source: unknown, name: string, reason: string): string {
  const value = typeof source === 'object' && source !== null && Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '') return refuse(reason);
  return value;
}

export function optionalField(source: unknown, name: string): string | undefined {
  const value = typeof source === 'object' && source !== null && Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Strict base64 (Buffer.from silently skips garbage, so a lenient decode could turn junk into XML),
 * with line breaks tolerated because some IdPs wrap at 76 columns.
 */
export function decodeBase64(encoded: string): Buffer {
  const compact = encoded.replace(/[\r\n]/g, '');
  if (compact.length > (MAX_MESSAGE_BYTES * 4) / 3 + 4 || !STRICT_BASE64.test(compact)) refuse('not-base64');
  return Buffer.from(compact, 'base64');
}

export function decodePostBinding(encoded: string): string {
  return utf8(decodeBase64(encoded));
}

/** HTTP-Redirect binding: base64 of raw DEFLATE; output capped so a deflate bomb is refused. */
export function decodeRedirectBinding(encoded: string): string {
  try {
    return utf8(inflateRawSync(decodeBase64(encoded), { maxOutputLength: MAX_MESSAGE_BYTES }));
  } catch (error: unknown) {
    if (error instanceof SamlRefusal) throw error;
    throw new SamlRefusal('not-deflated', { cause: error });
  }
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error: unknown) {
    throw new SamlRefusal('not-utf8', { cause: error });
  }
}
