const PLACEHOLDER_ORIGIN = 'http://relay-state.invalid';
const MAX_LENGTH = 512;

/**
 * RelayState / returnTo may only name a path on this site. Anything that a browser could resolve to
 * another origin (`//evil`, `/\evil`, `https://…`, control characters, encoded tricks) is dropped,
 * so a login link can never become an open redirect. Returns the normalised path or undefined.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  // Browsers treat '\' as '/', and strip tabs/newlines before resolving.
  if (/[\\\s]/.test(value) || hasControlCharacter(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(value: string): boolean {
  return Array.from(value).some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}
