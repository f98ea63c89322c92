/**
 * The session's CSRF token (synchronizer pattern: GET /auth/csrf, echoed in X-CSRF-Token on every
 * state change). Kept in memory only, never in localStorage: it is fetched again after a reload.
 */
export const CSRF_HEADER = 'X-CSRF-Token';
let token: Promise<string> | undefined;

export function csrfToken(): Promise<string> {
  token ??= fetch('/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(async (response) => {
    if (!response.ok) {
      token = undefined;
      throw new Error('Your session has ended: sign in again.');
    }
    const body = (await response.json()) as { csrfToken: string };
    return body.csrfToken;
  });
  return token;
}

/** After signing out, or when the gateway refuses the token (a new session). */
export function forgetCsrfToken(): void {
  token = undefined;
}

export function isStateChange(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
