import { ERROR_CATALOG, type ErrorCode } from '@medledger/chaincode/client';
import { FILE_ERROR_CATALOG, type FileErrorCode } from '../../files/errors';
import { LEDGER_FAILURE_CODES } from '../../ledger/ledger-port';
import { LedgerResponseInvalidError } from '../../ledger/transaction-results';
import { IDEMPOTENCY_ERROR_CODES, type IdempotencyErrorCode } from '../idempotency';
import { CATALOG, isCataloged, problemType } from './catalog';

/**
 * The catalog against the modules that raise codes: the lists are read from those modules (the
 * chaincode's ERROR_CATALOG, the ledger port, the file engine's FILE_ERROR_CATALOG, idempotency.ts),
 * so a code added there and not here fails. The statuses are written out, not read from the table
 * under test, so changing what clients receive is a deliberate act in two places.
 */
const STATUSES = {
  // the contract's refusals
  INVALID_ARGUMENT: 400,
  IDENTITY_INVALID: 403,
  ROLE_FORBIDDEN: 403,
  NOT_REGISTERED: 403,
  NOT_VERIFIED: 403,
  SUSPENDED: 403,
  CONSENT_REQUIRED: 403,
  NOT_REFUSED: 409,
  NOT_OWNER: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  DEADLINE_PASSED: 409,
  DEADLINE_NOT_REACHED: 409,
  QUANTITY_EXCEEDED: 409,
  HASH_MISMATCH: 409,
  ERASED: 410,
  // the file engine's failures
  FILE_INVALID_INPUT: 422,
  FILE_INTEGRITY_FAILED: 502,
  FILE_KEY_UNAVAILABLE: 410,
  BLOB_NOT_FOUND: 404,
  STORAGE_FAILED: 503,
  KEY_VAULT_FAILED: 500,
  UNSEAL_FAILED: 500,
  // Idempotency-Key refusals
  IDEMPOTENCY_KEY_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
} as const satisfies Record<ErrorCode | FileErrorCode | IdempotencyErrorCode, number>;

const RAISED = {
  'the chaincode': Object.keys(ERROR_CATALOG),
  'the ledger port': [...LEDGER_FAILURE_CODES],
  'the ledger response check': [new LedgerResponseInvalidError('Stakeholder:register', 'not JSON').code],
  'the file engine': Object.keys(FILE_ERROR_CATALOG),
  'the idempotency store': [...IDEMPOTENCY_ERROR_CODES],
  'the response check': ['RESPONSE_INVALID'],
};

describe('the one error catalog', () => {
  it.each(Object.entries(RAISED))('when %s raises a code, then the catalog maps it', (_module, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => !isCataloged(code))).toEqual([]);
  });

  it.each(Object.entries(STATUSES))('when %s is raised, then the catalog answers with status %d, as clients always received', (code, status) => {
    expect(CATALOG[code as keyof typeof STATUSES].status).toBe(status);
  });

  it.each(Object.keys(ERROR_CATALOG))('when the contract refuses with %s, then the title is the chaincode’s meaning', (code) => {
    const entry = CATALOG[code as ErrorCode];

    expect(entry.contractTitle ?? entry.title).toBe(ERROR_CATALOG[code as ErrorCode].meaning);
  });

  it.each(Object.keys(CATALOG))('when %s is cataloged, then it has an error status, a title and its urn:medledger:problem type', (code) => {
    const entry = CATALOG[code as keyof typeof CATALOG];

    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThanOrEqual(599);
    expect(entry.title.trim()).not.toBe('');
    expect(entry.type).toBe(problemType(code));
    expect(entry.type).toMatch(/^urn:medledger:problem:[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('when a code is not in the catalog, then it is not cataloged (prototype names included)', () => {
    expect(['CONSENT_REQUIRED', 'READ_CONFLICT', 'FILE_INVALID_INPUT'].every(isCataloged)).toBe(true);
    expect(['toString', 'constructor', 'ENOENT', 'SQLITE_CONSTRAINT_UNIQUE'].some(isCataloged)).toBe(false);
  });
});
