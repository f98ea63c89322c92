import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { contractRefusal, gatewayError, unreachable } from './test-support/gateway-errors';
import { newPrincipal } from './test-support/principals';
import { type Step } from './test-support/scripted-gateway';
import { DEADLINES, failureOf, setUp } from './test-support/scripted-ledger-client';

/** Submits against the scripted steps and expects the failure under `code`, naming tx-1, after one endorsement: nothing was retried. */
async function expectFailsWithoutRetry(steps: Step[], code: string): Promise<void> {
  const { network, client } = setUp();
  network.script(...steps);

  const error = await failureOf(client.submit(newPrincipal(), 'Stakeholder:register'));

  expect(error).toMatchObject({ code, txId: 'tx-1' });
  expect(network.callsOf('endorse')).toHaveLength(1);
}

describe('FabricLedgerClient.submit', () => {
  it('when the transaction commits VALID, then it resolves with its ID and payload only after the commit status', async () => {
    // Arrange
    const { network, client } = setUp();
    let commit: () => void = () => undefined;
    const commitGate = new Promise<void>((resolve) => {
      commit = resolve;
    });
    network.script({ result: '{"id":"pat-1"}', commitGate });
    let settled = false;

    // Act
    const submitted = client.submit(newPrincipal(), 'Stakeholder:register').finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    const settledBeforeCommit = settled;
    commit();
    const result = await submitted;

    // Assert
    expect(settledBeforeCommit).toBe(false);
    expect(result).toEqual({ txId: 'tx-1', payload: '{"id":"pat-1"}' });
    expect(network.calls.map((call) => call.kind)).toEqual(['endorse', 'submit', 'getStatus']);
  });

  it('when any call is made, then it carries the configured deadline', async () => {
    const { network, client } = setUp();
    network.script({}, { evaluate: 'x' });
    const before = Date.now();

    await client.submit(newPrincipal(), 'Stakeholder:register');
    await client.evaluate(newPrincipal(), 'Stakeholder:get', ['pat-x']);

    const expected = { evaluate: DEADLINES.evaluateMs, endorse: DEADLINES.endorseMs, submit: DEADLINES.submitMs, getStatus: DEADLINES.commitStatusMs };
    for (const call of network.calls) {
      const budget = expected[call.kind as keyof typeof expected];
      expect(typeof call.deadline).toBe('number');
      expect(call.deadline as number).toBeGreaterThanOrEqual(before + budget);
      expect(call.deadline as number).toBeLessThanOrEqual(Date.now() + budget);
    }
  });

  it('when the commit hits an MVCC read conflict, then it is proposed again as a new transaction and succeeds', async () => {
    const { network, client, sleeps, logger } = setUp();
    network.script({ status: StatusCode.MVCC_READ_CONFLICT }, { result: 'second' });

    const result = await client.submit(newPrincipal(), 'Consent:grant', ['doc-1']);

    const proposals = network.callsOf('endorse').map((call) => call.txId);
    expect(proposals).toEqual(['tx-1', 'tx-2']);
    expect(result).toEqual({ txId: 'tx-2', payload: 'second' });
    expect(sleeps).toEqual([20]); // random 0.5 × base 40 ms
    expect(logger.entries.find((entry) => entry.level === 'warn')?.fields).toMatchObject({ txId: 'tx-1', validationCode: StatusCode.MVCC_READ_CONFLICT });
  });

  it('when the commit hits a phantom read conflict, then it is retried like an MVCC conflict', async () => {
    const { network, client } = setUp();
    network.script({ status: StatusCode.PHANTOM_READ_CONFLICT }, {});

    await expect(client.submit(newPrincipal(), 'Consent:grant')).resolves.toEqual({ txId: 'tx-2', payload: '' });
  });

  it('when every attempt hits a read conflict, then it gives up after the configured attempts with READ_CONFLICT', async () => {
    const { network, client, sleeps } = setUp({ submitAttempts: 3 });
    network.script(...Array.from({ length: 5 }, () => ({ status: StatusCode.MVCC_READ_CONFLICT })));

    const error = await failureOf(client.submit(newPrincipal(), 'Consent:grant'));

    expect(error).toMatchObject({ code: 'READ_CONFLICT', txId: 'tx-3' });
    expect(network.callsOf('endorse')).toHaveLength(3);
    expect(sleeps).toEqual([20, 40]); // the backoff doubles
  });

  it('when the transaction commits with another invalid status, then it fails with COMMIT_REJECTED and is not retried', async () => {
    const { network, client } = setUp();
    network.script({ status: StatusCode.ENDORSEMENT_POLICY_FAILURE });

    const error = await failureOf(client.submit(newPrincipal(), 'Consent:grant'));

    expect(error).toMatchObject({ code: 'COMMIT_REJECTED', txId: 'tx-1' });
    expect(error.message).toContain('ENDORSEMENT_POLICY_FAILURE');
    expect(network.callsOf('endorse')).toHaveLength(1);
  });

  it('when the contract refuses, then the catalog code and status come back and nothing is retried or submitted', async () => {
    const { network, client } = setUp();
    network.script({ endorse: contractRefusal('endorse', 'CONSENT_REQUIRED: doctor doc-1 has no view grant', 'tx-1') }, {});

    const error = await failureOf(client.submit(newPrincipal(), 'Records:read', ['pat-1']));

    expect(error).toMatchObject({ code: 'CONSENT_REQUIRED', txId: 'tx-1' });
    expect(error.message).toBe('CONSENT_REQUIRED: doctor doc-1 has no view grant');
    expect(network.calls.map((call) => call.kind)).toEqual(['endorse']);
    expect(network.remainingSteps).toBe(1);
  });

  it('when the gateway peer is unavailable, then it fails with NETWORK_UNAVAILABLE and is not retried', async () => {
    await expectFailsWithoutRetry([{ endorse: gatewayError('endorse', GrpcStatus.UNAVAILABLE, { details: 'No connection established', txId: 'tx-1' }) }, {}], 'NETWORK_UNAVAILABLE');
  });

  it('when the other org’s peer is down, then it fails with ENDORSER_UNAVAILABLE, naming the transaction, and is not retried', async () => {
    await expectFailsWithoutRetry([{ endorse: unreachable.otherOrgPeerDown('tx-1') }, {}], 'ENDORSER_UNAVAILABLE');
  });

  it('when the chaincode server is down, then a query fails with ENDORSER_UNAVAILABLE too', async () => {
    const { network, client } = setUp();
    network.script({ evaluate: unreachable.chaincodeDown('evaluate', 'tx-1') });

    await expect(client.evaluate(newPrincipal(), 'Consent:get', ['grant-1'])).rejects.toMatchObject({ code: 'ENDORSER_UNAVAILABLE', txId: 'tx-1' });
  });

  it('when the submit deadline passes, then the status of the same transaction is asked for and a VALID commit succeeds', async () => {
    const { network, client } = setUp();
    network.script({ result: 'done', submit: gatewayError('submit', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }), statusById: StatusCode.VALID }, {});

    const result = await client.submit(newPrincipal(), 'Stakeholder:register');

    expect(result).toEqual({ txId: 'tx-1', payload: 'done' });
    expect(network.calls.map((call) => `${call.kind}:${call.txId}`)).toEqual(['endorse:tx-1', 'submit:tx-1', 'commitOf:tx-1', 'getStatus:tx-1']);
    expect(network.remainingSteps).toBe(1); // never proposed again
  });

  it('when the submit deadline passes and the status query times out too, then TIMEOUT names the transaction and nothing is re-proposed', async () => {
    const timedOut = { submit: gatewayError('submit', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }), statusById: gatewayError('commitStatus', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }) };
    await expectFailsWithoutRetry([timedOut], 'TIMEOUT');
  });

  it('when the submit deadline passes and the same transaction turns out to have lost a read conflict, then it is proposed anew', async () => {
    const { network, client } = setUp();
    network.script({ submit: gatewayError('submit', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }), statusById: StatusCode.MVCC_READ_CONFLICT }, {});

    // the transaction is known to have failed, so a new proposal cannot apply it twice
    const result = await client.submit(newPrincipal(), 'Stakeholder:register');

    expect(result.txId).toBe('tx-2');
  });

  it('when the commit status deadline passes, then TIMEOUT with the transaction ID is reported and nothing is retried', async () => {
    await expectFailsWithoutRetry([{ status: gatewayError('commitStatus', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }) }, {}], 'TIMEOUT');
  });

  it('when the submit is cut off at its deadline as CANCELLED (as the real network reports it with no orderer quorum), then the status of the same transaction decides: VALID succeeds', async () => {
    const { network, client } = setUp();
    network.script({ result: 'done', submit: gatewayError('submit', GrpcStatus.CANCELLED, { details: 'Call cancelled', txId: 'tx-1' }), statusById: StatusCode.VALID }, {});

    const result = await client.submit(newPrincipal(), 'Stakeholder:register');

    expect(result).toEqual({ txId: 'tx-1', payload: 'done' });
    expect(network.calls.map((call) => `${call.kind}:${call.txId}`)).toEqual(['endorse:tx-1', 'submit:tx-1', 'commitOf:tx-1', 'getStatus:tx-1']);
  });

  it('when the submit is cut off as CANCELLED and the status query times out too, then TIMEOUT names the transaction and nothing is re-proposed', async () => {
    const cutOff = { submit: gatewayError('submit', GrpcStatus.CANCELLED, { details: 'Call cancelled', txId: 'tx-1' }), statusById: gatewayError('commitStatus', GrpcStatus.DEADLINE_EXCEEDED, { txId: 'tx-1' }) };
    await expectFailsWithoutRetry([cutOff, {}], 'TIMEOUT');
  });

  it('when the orderer refuses the submit, then ORDERING_FAILED is reported without retry', async () => {
    await expectFailsWithoutRetry([{ submit: gatewayError('submit', GrpcStatus.FAILED_PRECONDITION, { txId: 'tx-1' }) }, {}], 'ORDERING_FAILED');
  });

  it('when transient data is given, then it reaches the proposal as bytes and neither it nor the arguments are logged', async () => {
    const { network, client, logger } = setUp();
    network.script({});
    const principal = newPrincipal();

    await client.submit(principal, 'Records:add', ['secret-argument'], { record: 'diagnosis: secret-diagnosis' });

    const transient = network.callsOf('endorse')[0]?.transient;
    expect(transient?.record).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(transient?.record)).toBe('diagnosis: secret-diagnosis');
    expect(logger.entries).toEqual([
      { level: 'info', message: 'ledger transaction committed', fields: expect.objectContaining({ txId: 'tx-1', fn: 'Records:add', principalId: principal.id }) as unknown },
    ]);
    expect(logger.text()).not.toMatch(/secret-argument|secret-diagnosis/);
  });
});

describe('FabricLedgerClient.evaluate', () => {
  it('when the query succeeds, then its payload is returned and its transaction ID logged at debug (the access log has the request)', async () => {
    const { network, client, logger } = setUp();
    network.script({ evaluate: '{"status":"active"}' });

    const payload = await client.evaluate(newPrincipal(), 'Stakeholder:get', ['pat-1']);

    expect(payload).toBe('{"status":"active"}');
    expect(logger.entries).toEqual([{ level: 'debug', message: 'ledger query evaluated', fields: expect.objectContaining({ txId: 'tx-1', fn: 'Stakeholder:get' }) as unknown }]);
    expect(logger.text()).not.toContain('pat-1');
  });

  it('when the contract refuses a query, then its catalog code is mapped', async () => {
    const { network, client } = setUp();
    network.script({ evaluate: contractRefusal('evaluate', 'NOT_FOUND: stakeholder pat-1 does not exist') });

    const error = await failureOf(client.evaluate(newPrincipal(), 'Stakeholder:get', ['pat-1']));

    expect(error).toMatchObject({ code: 'NOT_FOUND', txId: 'tx-1' });
  });
});

describe('FabricLedgerClient gateways', () => {
  it('when a principal calls repeatedly, then one Gateway is connected and reused', async () => {
    const { network, client } = setUp();
    network.script({}, {}, { evaluate: 'x' });
    const principal = newPrincipal();

    await client.submit(principal, 'Stakeholder:register');
    await client.submit(principal, 'Stakeholder:register');
    await client.evaluate(principal, 'Stakeholder:get', ['x']);

    expect(network.connected).toHaveLength(1);
  });

  it('when more principals are active than the cache holds, then the least recently used Gateway is closed', async () => {
    const { network, client } = setUp({ gatewayCacheSize: 2 });
    const [first, second, third] = [newPrincipal(), newPrincipal(), newPrincipal()];

    for (const principal of [first, second, first, third]) {
      await client.submit(principal, 'Stakeholder:register');
    }

    expect(network.closes).toEqual([`gateway:${second.id}`]);
    await client.submit(second, 'Stakeholder:register');
    expect(network.connected.map((identity) => identity.principalId)).toEqual([first.id, second.id, third.id, second.id]);
    expect(network.closes).toEqual([`gateway:${second.id}`, `gateway:${first.id}`]);
  });

  it('when a certificate was renewed, then the old Gateway is closed and a new one signs with the new certificate', async () => {
    const { network, client, identities } = setUp();
    const principal = newPrincipal();
    await client.submit(principal, 'Stakeholder:register');

    identities.renew(principal.id);
    await client.submit(principal, 'Stakeholder:register');

    expect(network.connected.map((identity) => identity.certificatePem)).toEqual([`certificate 1 of ${principal.id}`, `certificate 2 of ${principal.id}`]);
    expect(network.closes).toEqual([`gateway:${principal.id}`]);
  });

  it('when closed, then every Gateway is closed before the shared connections, and later calls are refused', async () => {
    const { network, client } = setUp();
    const [first, second] = [newPrincipal(), newPrincipal()];
    await client.submit(first, 'Stakeholder:register');
    await client.submit(second, 'Stakeholder:register');

    await client.close();
    await client.close();

    expect(network.closes).toEqual([`gateway:${first.id}`, `gateway:${second.id}`, 'connections']);
    await expect(client.submit(first, 'Stakeholder:register')).rejects.toThrow('closed');
  });
});
