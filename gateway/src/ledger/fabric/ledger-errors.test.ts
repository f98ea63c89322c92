import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, StatusCode } from '@hyperledger/fabric-gateway';
import { TransactionFailedError } from '@medledger/ledger-sim';
import { ERROR_CATALOG } from '@medledger/chaincode/client';
import { commitFailure, fabricFailure } from './ledger-errors';
import { simulatorFailure } from '../embedded/simulator-failure';
import { contractRefusal, gatewayError, notUnreachable, unreachable } from './test-support/gateway-errors';
import { LedgerError } from '../ledger-port';

describe('ledger error mapping', () => {
  it.each(Object.keys(ERROR_CATALOG))('when the contract refuses with %s, then that code is kept with the transaction ID', (code) => {
    const mapped = fabricFailure(contractRefusal('endorse', `${code}: refused`), 'endorse', 'tx-1');

    expect(mapped).toBeInstanceOf(LedgerError);
    expect(mapped).toMatchObject({ code, txId: 'tx-1', message: `${code}: refused` });
  });

  it('when an evaluate refusal arrives, then the code is read from the peer details, not from the gRPC status', () => {
    const mapped = fabricFailure(contractRefusal('evaluate', 'NOT_VERIFIED: doctor doc-1 awaits verification'), 'evaluate', 'tx-2');

    expect(mapped).toMatchObject({ code: 'NOT_VERIFIED', txId: 'tx-2' });
  });

  it('when the gRPC status itself is named like a catalog code (NOT_FOUND), then it is not taken for a contract refusal', () => {
    const mapped = fabricFailure(gatewayError('evaluate', GrpcStatus.NOT_FOUND, { details: 'chaincode medledger not found' }), 'evaluate', 'tx-3');

    expect(mapped).toMatchObject({ code: 'ENDORSEMENT_FAILED' });
  });

  it('when a peer message has no catalog code, then the wording is not interpreted', () => {
    const mapped = fabricFailure(
      gatewayError('endorse', GrpcStatus.ABORTED, { peers: [{ address: 'p', mspId: 'ProvidersMSP', message: 'chaincode response 500, something consent required' }] }),
      'endorse',
    );

    expect(mapped).toMatchObject({ code: 'ENDORSEMENT_FAILED' });
  });

  it.each([
    [GrpcStatus.UNAVAILABLE, 'evaluate', 'NETWORK_UNAVAILABLE'],
    [GrpcStatus.UNAVAILABLE, 'endorse', 'NETWORK_UNAVAILABLE'],
    [GrpcStatus.UNAVAILABLE, 'submit', 'NETWORK_UNAVAILABLE'],
    [GrpcStatus.UNAVAILABLE, 'commitStatus', 'COMMIT_STATUS_UNKNOWN'],
    // a deadline is a TIMEOUT whichever call it ended
    ...(['evaluate', 'endorse', 'submit', 'commitStatus'] as const).map((phase) => [GrpcStatus.DEADLINE_EXCEEDED, phase, 'TIMEOUT'] as const),
    // a call the peer cut off at its deadline reaches grpc-js as CANCELLED: a timeout, not a refusal to order
    ...(['evaluate', 'endorse', 'submit', 'commitStatus'] as const).map((phase) => [GrpcStatus.CANCELLED, phase, 'TIMEOUT'] as const),
    [GrpcStatus.FAILED_PRECONDITION, 'submit', 'ORDERING_FAILED'],
    [GrpcStatus.INTERNAL, 'commitStatus', 'COMMIT_STATUS_UNKNOWN'],
    [GrpcStatus.INTERNAL, 'endorse', 'ENDORSEMENT_FAILED'],
    [GrpcStatus.INTERNAL, 'evaluate', 'ENDORSEMENT_FAILED'],
  ] as const)('when gRPC status %s ends the %s call, then it maps to %s with the transaction ID', (grpcCode, phase, code) => {
    expect(fabricFailure(gatewayError(phase, grpcCode), phase, 'tx-9')).toMatchObject({ code, txId: 'tx-9' });
  });

  it.each([
    ['the other org’s peer is down (discovery finds no combination)', () => unreachable.otherOrgPeerDown(), 'endorse'],
    ['the other org’s peer’s call failed Unavailable', () => unreachable.otherOrgPeerCallFailed(), 'endorse'],
    ['the other org’s peer was killed during the call', () => unreachable.otherOrgPeerKilledMidCall(), 'endorse'],
    ['the chaincode server is down (endorse)', () => unreachable.chaincodeDown('endorse'), 'endorse'],
    ['the chaincode server is being registered again', () => unreachable.chaincodeRegistrationFailed(), 'endorse'],
    ['the chaincode server is down (evaluate)', () => unreachable.chaincodeDown('evaluate'), 'evaluate'],
    ['the chaincode server died during the call', () => unreachable.chaincodeDiedMidCall(), 'endorse'],
  ] as const)('when %s, then ENDORSER_UNAVAILABLE with the transaction ID, its message naming no peer address', (_case, raise, phase) => {
    const mapped = fabricFailure(raise(), phase, 'tx-11');

    expect(mapped).toMatchObject({ code: 'ENDORSER_UNAVAILABLE', txId: 'tx-11' });
    expect((mapped as LedgerError).message).not.toMatch(/localhost|127\.0\.0\.1|:\d{4}|dial/);
  });

  it('when an unreachable endorser is reported after the transaction went to the orderer, then the phase decides, not the peers’ text', () => {
    expect(fabricFailure(unreachable.otherOrgPeerCallFailed(), 'submit', 'tx-12')).toMatchObject({ code: 'ORDERING_FAILED' });
    expect(fabricFailure(unreachable.otherOrgPeerCallFailed(), 'commitStatus', 'tx-12')).toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN' });
  });

  it.each([
    ['the endorsements differ', () => notUnreachable.payloadMismatch()],
    ['one endorser is unreachable and another’s endorsement differs', () => notUnreachable.mixed()],
    ['the peer refuses the caller', () => notUnreachable.accessDenied()],
    ['the chaincode answers an uncoded error with the same words', () => notUnreachable.chaincodeAnswer()],
    ['transient data finds no endorser of the gateway’s org', () => notUnreachable.transientWithoutLocalEndorser()],
  ])('when %s, then it stays ENDORSEMENT_FAILED', (_case, raise) => {
    expect(fabricFailure(raise(), 'endorse', 'tx-13')).toMatchObject({ code: 'ENDORSEMENT_FAILED', txId: 'tx-13' });
  });

  it('when the contract refuses on one peer while the other is unreachable, then the refusal is what the client gets', () => {
    const error = gatewayError('endorse', GrpcStatus.ABORTED, {
      peers: [
        { address: 'localhost:7051', mspId: 'ProvidersMSP', message: 'chaincode response 500, CONSENT_REQUIRED: doctor doc-1 has no view grant' },
        { address: 'localhost:9051', mspId: 'PayersMSP', message: 'rpc error: code = Unavailable desc = error reading from server: EOF' },
      ],
    });

    expect(fabricFailure(error, 'endorse', 'tx-14')).toMatchObject({ code: 'CONSENT_REQUIRED', txId: 'tx-14' });
  });

  it('when the error carries its own transaction ID (endorse, submit, commit status), then that ID is reported', () => {
    expect(fabricFailure(gatewayError('submit', GrpcStatus.UNAVAILABLE, { txId: 'tx-8' }), 'submit')).toMatchObject({ code: 'NETWORK_UNAVAILABLE', txId: 'tx-8' });
  });

  it('when a commit is invalid, then a read conflict is READ_CONFLICT and any other validation code COMMIT_REJECTED, each naming the validation code', () => {
    expect(commitFailure(StatusCode.MVCC_READ_CONFLICT, 'tx-4')).toMatchObject({ code: 'READ_CONFLICT', txId: 'tx-4', message: 'transaction tx-4 was not committed: MVCC_READ_CONFLICT' });
    expect(fabricFailure(new CommitError({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId: 'tx-5' }), 'commitStatus')).toMatchObject({
      code: 'COMMIT_REJECTED',
      txId: 'tx-5',
      message: 'transaction tx-5 was not committed: ENDORSEMENT_POLICY_FAILURE',
    });
  });

  it('when an error is not the ledger’s, then it passes through unchanged', () => {
    const bug = new TypeError('undefined is not a function');

    expect(fabricFailure(bug, 'endorse')).toBe(bug);
    expect(simulatorFailure(bug)).toBe(bug);
  });

  it('when the simulator refuses, then the same catalog mapping applies; without a code it is ENDORSEMENT_FAILED', () => {
    expect(simulatorFailure(new TransactionFailedError('SUSPENDED: stakeholder pat-1 is suspended', 'tx-6'))).toMatchObject({ code: 'SUSPENDED', txId: 'tx-6' });
    const unknown = simulatorFailure(new TransactionFailedError('duplicate transaction found [tx-7]', 'tx-7'));
    expect(unknown).toBeInstanceOf(LedgerError);
    expect(unknown).toMatchObject({ code: 'ENDORSEMENT_FAILED', txId: 'tx-7' });
  });
});
