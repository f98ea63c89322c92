import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/schema';
import { CSRF_HEADER, csrfToken, forgetCsrfToken, isStateChange } from './csrf';
import { ApiError, problemOf } from './problem';

/** Same origin, the session cookie, and the CSRF token on every state change. */
const csrf: Middleware = {
  async onRequest({ request }) {
    if (isStateChange(request.method) && !request.headers.has(CSRF_HEADER)) {
      request.headers.set(CSRF_HEADER, await csrfToken());
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 403 || response.status === 401) forgetCsrfToken();
    return response;
  },
};

/**
 * The typed client, generated from the gateway's OpenAPI document (src/api/generated/schema.d.ts):
 * paths, parameters and bodies are checked by the compiler against the API as it is.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError with the gateway's problem+json. */
export async function ok<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await pending;
  } catch {
    throw new ApiError(problemOf(undefined, 0));
  }
  if (!result.response.ok) throw new ApiError(problemOf(result.error, result.response.status));
  return result.data as T;
}
