import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, StatusCode } from '@hyperledger/fabric-gateway';
import { ERROR_CATALOG, type ErrorCode } from '@medledger/chaincode/client';
import { TransactionFailedError } from '@medledger/ledger-sim';
import { commitFailure, fabricFailure } from '../../ledger/fabric/ledger-errors';
import { simulatorFailure } from '../../ledger/embedded/simulator-failure';
import { contractRefusal, gatewayError, unreachable } from '../../ledger/fabric/test-support/gateway-errors';
import { LEDGER_FAILURE_CODES, LedgerError, type LedgerFailureCode } from '../../ledger/ledger-port';
import { CATALOG, isCataloged } from './catalog';
import { ledgerProblem } from './ledger-problems';

/**
 * Every way the ledger can fail, from the raw failure to the problem the client sees: code, HTTP
 * status and whether the transaction ID comes along. The expected statuses are written out here,
 * not read from the table under test, so changing a status is a deliberate act in two places.
 */
interface Expected {
  status: number;
  /** The failure happened inside a Fabric transaction, so the client gets its txId. */
  txId: boolean;
  /** A failure that proves it arises from real inputs (not only from the table). */
  raise(): unknown;
}

const EXPECTED = {
  NETWORK_UNAVAILABLE: { status: 503, txId: true, raise: () => fabricFailure(gatewayError('endorse', GrpcStatus.UNAVAILABLE), 'endorse', 'tx-1') },
  TIMEOUT: { status: 504, txId: true, raise: () => fabricFailure(gatewayError('commitStatus', GrpcStatus.DEADLINE_EXCEEDED), 'commitStatus', 'tx-1') },
  COMMIT_STATUS_UNKNOWN: { status: 504, txId: true, raise: () => fabricFailure(gatewayError('commitStatus', GrpcStatus.UNAVAILABLE), 'commitStatus', 'tx-1') },
  ENDORSER_UNAVAILABLE: { status: 503, txId: true, raise: () => fabricFailure(unreachable.otherOrgPeerDown(), 'endorse', 'tx-1') },
  ENDORSEMENT_FAILED: { status: 502, txId: true, raise: () => fabricFailure(gatewayError('endorse', GrpcStatus.INTERNAL), 'endorse', 'tx-1') },
  ORDERING_FAILED: { status: 502, txId: true, raise: () => fabricFailure(gatewayError('submit', GrpcStatus.FAILED_PRECONDITION), 'submit', 'tx-1') },
  READ_CONFLICT: { status: 409, txId: true, raise: () => commitFailure(StatusCode.PHANTOM_READ_CONFLICT, 'tx-1') },
  COMMIT_REJECTED: { status: 502, txId: true, raise: () => commitFailure(StatusCode.ENDORSEMENT_POLICY_FAILURE, 'tx-1') },
  // identity failures come before any transaction exists
  ENROLLMENT_FAILED: { status: 502, txId: false, raise: () => new LedgerError('ENROLLMENT_FAILED', 'the CA refused enroll') },
  IDENTITY_REVOKED: { status: 403, txId: false, raise: () => new LedgerError('IDENTITY_REVOKED', 'principal prn_1 is disabled') },
} as const satisfies Record<LedgerFailureCode, Expected>;

/** Only a read conflict is the client's to retry; every title that says "retry" must be one. */
const RETRYABLE: ReadonlySet<LedgerFailureCode> = new Set(['READ_CONFLICT']);

const saysRetry = (title: string) => /\bretry\b/i.test(title);

const problemOf = (failure: unknown) => {
  expect(failure).toBeInstanceOf(LedgerError);
  const error = failure as LedgerError;
  return { ...ledgerProblem(error), txId: error.txId };
};

describe('ledger failures as problems', () => {
  it('when the catalog and the codes are compared, then every LedgerFailureCode is mapped and tested, and nothing else is tested', () => {
    expect(LEDGER_FAILURE_CODES.filter((code) => !isCataloged(code))).toEqual([]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...LEDGER_FAILURE_CODES].sort());
  });

  it.each(LEDGER_FAILURE_CODES.map((code) => [code, EXPECTED[code]] as const))('when the ledger fails with %s, then the problem has that code, status %j and the txId if any', (code, expected) => {
    const problem = problemOf(expected.raise());

    expect({ code: problem.code, status: problem.status, hasTxId: problem.txId !== undefined }).toEqual({ code, status: expected.status, hasTxId: expected.txId });
    expect(saysRetry(problem.title)).toBe(RETRYABLE.has(code));
  });

  it.each(Object.entries(StatusCode).filter(([name]) => name !== 'VALID'))('when a commit ends with validation code %s, then the problem is a read conflict (409, retry) only for MVCC and phantom reads', (name, validationCode) => {
    const readConflict = name === 'MVCC_READ_CONFLICT' || name === 'PHANTOM_READ_CONFLICT';

    for (const failure of [commitFailure(validationCode, 'tx-7'), fabricFailure(new CommitError({ code: validationCode, transactionId: 'tx-7' }), 'commitStatus')]) {
      const problem = problemOf(failure);

      expect({ code: problem.code, status: problem.status, txId: problem.txId }).toEqual(
        readConflict ? { code: 'READ_CONFLICT', status: 409, txId: 'tx-7' } : { code: 'COMMIT_REJECTED', status: 502, txId: 'tx-7' },
      );
      expect(saysRetry(problem.title)).toBe(readConflict);
      expect((failure as LedgerError).message).toContain(name);
    }
  });

  it.each(Object.entries(ERROR_CATALOG))('when the contract refuses with %s, then the problem keeps the code and takes the catalog’s status', (code, entry) => {
    for (const failure of [fabricFailure(contractRefusal('endorse', `${code}: refused`), 'endorse', 'tx-3'), simulatorFailure(new TransactionFailedError(`${code}: refused`, 'tx-3'))]) {
      expect(problemOf(failure)).toEqual({ code, status: CATALOG[code as ErrorCode].status, title: entry.meaning, detail: 'refused', txId: 'tx-3' });
    }
  });

  it('when a LedgerError is built, then it carries no status of its own that could disagree with its code', () => {
    expect(new LedgerError('READ_CONFLICT', 'lost', { txId: 'tx-1' })).not.toHaveProperty('httpStatus');
  });
});
