/**
 * The gateway's own error codes, each with its HTTP status and title (RFC 9457 problem types).
 * Chaincode refusals keep their chaincode code and take their status from ERROR_CATALOG in
 * '@medledger/chaincode' (see ledger-problems.ts).
 */
export const PROBLEMS = {
  MALFORMED_REQUEST: { status: 400, title: 'The request body is not well-formed JSON' },
  MALFORMED_PATH: { status: 400, title: 'A path segment is not valid percent-encoded UTF-8' },
  CONTENT_ENCODING_INVALID: { status: 400, title: 'The request body does not decode with its Content-Encoding' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  CSRF_FAILED: { status: 403, title: 'Missing or wrong X-CSRF-Token header' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'This method is not allowed here' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, title: 'The request body’s Content-Encoding is not accepted here (see Accept-Encoding)' },
  VALIDATION_FAILED: { status: 422, title: 'The request is not valid' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  NETWORK_UNAVAILABLE: { status: 503, title: 'The ledger network is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** A problem type URI: stable per code, resolvable by no one, and never a host name. */
export function problemType(code: string): string {
  return `urn:medledger:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Throw this from a route or middleware; the error middleware turns it into problem+json. */
export class Problem extends Error {
  override readonly name = 'Problem';

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail === undefined ? code : `${code}: ${detail}`);
  }

  get status(): number {
    return PROBLEMS[this.code].status;
  }
}
