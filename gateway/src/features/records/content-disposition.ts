/**
 * `attachment` with a file name that cannot break out of the header or name a path: an ASCII
 * fallback (quotes, backslashes, separators and controls replaced) plus the UTF-8 name
 * percent-encoded as filename* (RFC 6266 / RFC 8187).
 */
export function attachmentDisposition(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop()?.trim() ?? '';
  const name = base === '' || base === '.' || base === '..' ? 'download' : base;
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').slice(0, 150);
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
