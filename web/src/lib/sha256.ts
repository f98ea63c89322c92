/**
 * SHA-256 of text (UTF-8) as lower-case hex, computed in the browser with Web Crypto: what the
 * ledger keeps of a document or reference (package terms, a licence, an invoice) instead of the
 * text itself, so the text never leaves the person's machine.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
