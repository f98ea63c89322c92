import { ERROR_CATALOG as CONTRACT, type ErrorCode } from '@medledger/chaincode/client';
import type { FileErrorCode } from '../../files/errors';
import type { PrincipalErrorCode } from '../../identity/principals/principal-error';
import type { LedgerFailureCode } from '../../ledger/ledger-port';
import type { LedgerResponseInvalidError } from '../../ledger/transaction-results';
import type { IdempotencyErrorCode } from '../idempotency';

/** What the catalog says of a code: the HTTP status and the RFC 9457 title of its problem type. */
interface Entry {
  readonly status: number;
  readonly title: string;
  /**
   * The title when the contract refuses with this code, where the gateway raises the same code
   * with its own title (NOT_FOUND: the gateway's routes, keys and tokens; the contract's objects).
   */
  readonly contractTitle?: string;
}

export interface CatalogEntry extends Entry {
  /** The RFC 9457 problem type URI: urn:medledger:problem:<code>, lower case with hyphens. */
  readonly type: string;
}

/**
 * The codes raised outside api/errors, by module: each must have an entry below, or this file does
 * not compile (and catalog.test.ts lists what is missing).
 */
type RaisedCodes = ErrorCode | LedgerFailureCode | LedgerResponseInvalidError['code'] | FileErrorCode | IdempotencyErrorCode | PrincipalErrorCode | 'RESPONSE_INVALID';

/**
 * The gateway's one error catalog: every stable code a client can receive, with its HTTP status
 * and title; the type URI follows from the code. Errors everywhere carry a code and never a
 * status: the chaincode's ERROR_CATALOG says what each contract code means, the file engine's
 * FILE_ERROR_CATALOG the file codes, ledger-port.ts the Fabric client's failures; this table is the
 * one place any of them becomes HTTP, and the error middleware reads no other.
 */
export const CATALOG = withTypes({
  // The gateway's own refusals (Problem, and identity's PrincipalError)
  MALFORMED_REQUEST: { status: 400, title: 'The request body is not well-formed JSON' },
  MALFORMED_PATH: { status: 400, title: 'A path segment is not valid percent-encoded UTF-8' },
  CONTENT_ENCODING_INVALID: { status: 400, title: 'The request body does not decode with its Content-Encoding' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  FORBIDDEN: { status: 403, title: 'You may not do this' },
  // A valid credential whose authentication is too old for an irreversible operation (identity/step-up.ts): 401 as RFC 9470 answers it
  STEP_UP_REQUIRED: { status: 401, title: 'This operation needs a fresh authentication (step-up)' },
  CSRF_FAILED: { status: 403, title: 'Missing or wrong X-CSRF-Token header' },
  NOT_FOUND: { status: 404, title: 'No such resource', contractTitle: CONTRACT.NOT_FOUND.meaning },
  METHOD_NOT_ALLOWED: { status: 405, title: 'This method is not allowed here' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  // FHIR Binary as a JSON resource is buffered; past its limit the content is only streamed (features/fhir/binary-resource.ts)
  BINARY_TOO_LARGE_FOR_JSON: { status: 413, title: 'The content is too large to answer as a FHIR Binary resource; ask for its own media type to stream it' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, title: 'The request body’s Content-Encoding is not accepted here (see Accept-Encoding)' },
  VALIDATION_FAILED: { status: 422, title: 'The request is not valid' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  // The gateway runs but web/dist was never built (features/portal/): the page at / says how to build it
  PORTAL_NOT_BUILT: { status: 503, title: 'The web portal is not built' },
  // A response outside its schema, refused in development and tests (api/mount.ts)
  RESPONSE_INVALID: { status: 500, title: 'Internal Server Error' },

  // Idempotency-Key (api/idempotency.ts)
  IDEMPOTENCY_KEY_INVALID: { status: 422, title: 'Unprocessable Entity' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Unprocessable Entity' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'Conflict' },

  // The contract's refusals (chaincode lib/errors.ts): the title is the chaincode's meaning; NOT_FOUND is above
  INVALID_ARGUMENT: { status: 400, title: CONTRACT.INVALID_ARGUMENT.meaning },
  IDENTITY_INVALID: { status: 403, title: CONTRACT.IDENTITY_INVALID.meaning },
  ROLE_FORBIDDEN: { status: 403, title: CONTRACT.ROLE_FORBIDDEN.meaning },
  NOT_REGISTERED: { status: 403, title: CONTRACT.NOT_REGISTERED.meaning },
  NOT_VERIFIED: { status: 403, title: CONTRACT.NOT_VERIFIED.meaning },
  SUSPENDED: { status: 403, title: CONTRACT.SUSPENDED.meaning },
  CONSENT_REQUIRED: { status: 403, title: CONTRACT.CONSENT_REQUIRED.meaning },
  NOT_OWNER: { status: 403, title: CONTRACT.NOT_OWNER.meaning },
  NOT_REFUSED: { status: 409, title: CONTRACT.NOT_REFUSED.meaning },
  ALREADY_EXISTS: { status: 409, title: CONTRACT.ALREADY_EXISTS.meaning },
  INVALID_STATE: { status: 409, title: CONTRACT.INVALID_STATE.meaning },
  DEADLINE_PASSED: { status: 409, title: CONTRACT.DEADLINE_PASSED.meaning },
  DEADLINE_NOT_REACHED: { status: 409, title: CONTRACT.DEADLINE_NOT_REACHED.meaning },
  QUANTITY_EXCEEDED: { status: 409, title: CONTRACT.QUANTITY_EXCEEDED.meaning },
  HASH_MISMATCH: { status: 409, title: CONTRACT.HASH_MISMATCH.meaning },
  ERASED: { status: 410, title: CONTRACT.ERASED.meaning },

  // The Fabric client's failures (ledger-port.ts LEDGER_FAILURE_CODES): only READ_CONFLICT tells the client to retry
  NETWORK_UNAVAILABLE: { status: 503, title: 'The ledger network is unavailable' },
  TIMEOUT: { status: 504, title: 'The ledger did not answer in time; a change may still commit: ask for the status of txId before retrying' },
  COMMIT_STATUS_UNKNOWN: { status: 504, title: 'The transaction was sent for ordering but its outcome is unknown: ask for the status of txId before retrying' },
  ENDORSER_UNAVAILABLE: { status: 503, title: 'A peer whose endorsement the transaction needs, or its chaincode, cannot be reached; nothing was committed' },
  ENDORSEMENT_FAILED: { status: 502, title: 'The peers did not endorse the transaction' },
  ORDERING_FAILED: { status: 502, title: 'The orderer did not accept the transaction; it was not committed' },
  READ_CONFLICT: { status: 409, title: 'The transaction conflicted with a concurrent one and was not committed; retry' },
  COMMIT_REJECTED: { status: 502, title: 'The peers validated the transaction as invalid; it was not committed' },
  ENROLLMENT_FAILED: { status: 502, title: 'The certificate authority did not issue the ledger identity' },
  IDENTITY_REVOKED: { status: 403, title: 'This ledger identity has been revoked' },
  // A payload outside the chaincode's contract surface (ledger/transaction-results.ts): a 5xx shows its code only
  LEDGER_RESPONSE_INVALID: { status: 502, title: 'The ledger answered outside its contract' },

  // The file engine (files/errors.ts FILE_ERROR_CATALOG): a 5xx shows its code only
  FILE_INVALID_INPUT: { status: 422, title: 'Unprocessable Entity' },
  FILE_INTEGRITY_FAILED: { status: 502, title: 'Bad Gateway' },
  FILE_KEY_UNAVAILABLE: { status: 410, title: 'Gone' },
  BLOB_NOT_FOUND: { status: 404, title: 'Not Found' },
  STORAGE_FAILED: { status: 503, title: 'Service Unavailable' },
  KEY_VAULT_FAILED: { status: 500, title: 'Internal Server Error' },
  UNSEAL_FAILED: { status: 500, title: 'Internal Server Error' },
});

export type CatalogCode = keyof typeof CATALOG;

export function isCataloged(code: string): code is CatalogCode {
  return Object.hasOwn(CATALOG, code);
}

/** A problem type URI: stable per code, resolvable by no one, and never a host name. */
export function problemType(code: string): string {
  return `urn:medledger:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

function withTypes<T extends Record<RaisedCodes, Entry> & Record<string, Entry>>(entries: T): { readonly [C in keyof T]: CatalogEntry } {
  const typed = Object.entries(entries).map(([code, entry]) => [code, { ...entry, type: problemType(code) }]);
  return Object.fromEntries(typed) as { readonly [C in keyof T]: CatalogEntry };
}
