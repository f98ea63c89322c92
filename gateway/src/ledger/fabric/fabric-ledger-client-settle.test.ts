import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { gatewayError } from './test-support/gateway-errors';
import { newPrincipal } from './test-support/principals';
import { failureOf, setUp } from './test-support/scripted-ledger-client';
import type { PreparedTransaction } from '../ledger-port';

describe('FabricLedgerClient with a submit journal, and settle', () => {
  const journalOf = (prepared: PreparedTransaction[], refuse = false) => ({
    prepared: (transaction: PreparedTransaction) => {
      prepared.push(transaction);
      return refuse ? Promise.reject(new Error('the key was taken over')) : Promise.resolve();
    },
  });

  it('when a submit has a journal, then each endorsed transaction is recorded before it is sent to the orderer, read conflicts included', async () => {
    const { network, client } = setUp();
    network.script({ status: StatusCode.MVCC_READ_CONFLICT }, { result: 'done' });
    const prepared: PreparedTransaction[] = [];

    await client.submit(newPrincipal(), 'Consent:grant', [], undefined, journalOf(prepared));

    expect(prepared.map(({ txId, fn }) => `${fn}:${txId}`)).toEqual(['Consent:grant:tx-1', 'Consent:grant:tx-2']);
    expect(network.calls.map((call) => `${call.kind}:${call.txId}`)).toEqual(['endorse:tx-1', 'submit:tx-1', 'getStatus:tx-1', 'endorse:tx-2', 'submit:tx-2', 'getStatus:tx-2']);
  });

  it('when the journal refuses a transaction, then it is never sent', async () => {
    const { network, client } = setUp();
    network.script({ result: 'done' });

    await expect(client.submit(newPrincipal(), 'Consent:grant', [], undefined, journalOf([], true))).rejects.toThrow('the key was taken over');

    expect(network.calls.map((call) => call.kind)).toEqual(['endorse']);
  });

  it('when a prepared transaction is settled, then the same transaction is sent again and a VALID status answers its endorsed result', async () => {
    const { network, client } = setUp();
    const principal = newPrincipal();
    network.script({ result: '{"id":"grant-1"}', status: gatewayError('commitStatus', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }), statusById: StatusCode.VALID });
    const prepared: PreparedTransaction[] = [];
    await expect(client.submit(principal, 'Consent:grant', [], undefined, journalOf(prepared))).rejects.toMatchObject({ code: 'TIMEOUT' });

    const settled = await client.settle(principal, prepared[0] ?? { txId: '', fn: '', envelope: '' });

    expect(settled).toEqual({ committed: true, txId: 'tx-1', payload: '{"id":"grant-1"}' });
    expect(network.calls.slice(-2).map((call) => `${call.kind}:${call.txId}`)).toEqual(['resubmit:tx-1', 'getStatus:tx-1']);
  });

  it('when sending it again fails, then the commit status by ID decides; a status other than VALID means it never commits', async () => {
    const { network, client } = setUp();
    const principal = newPrincipal();
    network.script({ status: gatewayError('commitStatus', GrpcStatus.UNAVAILABLE, { txId: 'tx-1' }), resubmit: gatewayError('submit', GrpcStatus.UNAVAILABLE, { txId: 'tx-1' }), statusById: StatusCode.MVCC_READ_CONFLICT });
    const prepared: PreparedTransaction[] = [];
    await expect(client.submit(principal, 'Consent:grant', [], undefined, journalOf(prepared))).rejects.toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN' });

    const settled = await client.settle(principal, prepared[0] ?? { txId: '', fn: '', envelope: '' });

    expect(settled).toEqual({ committed: false, txId: 'tx-1' });
    expect(network.calls.slice(-3).map((call) => `${call.kind}:${call.txId}`)).toEqual(['resubmit:tx-1', 'commitOf:tx-1', 'getStatus:tx-1']);
  });

  it('when the ledger cannot tell the status yet, then settle fails with the transaction named and the outcome still unknown', async () => {
    const { network, client } = setUp();
    const principal = newPrincipal();
    const unknown = gatewayError('commitStatus', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' });
    network.script({ status: unknown, statusById: unknown });
    const prepared: PreparedTransaction[] = [];
    await client.submit(principal, 'Consent:grant', [], undefined, journalOf(prepared)).catch(() => undefined);

    const failure = await failureOf(client.settle(principal, prepared[0] ?? { txId: '', fn: '', envelope: '' }));

    expect(failure).toMatchObject({ code: 'TIMEOUT', txId: 'tx-1' });
  });
});
