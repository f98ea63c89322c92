import { generateKeyPairSync } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import type { Principal } from '../../identity/principals/principal';
import { FabricLedgerClient, type IdentitySource } from './fabric-ledger-client';
import { contractRefusal, gatewayError, unreachable } from './test-support/gateway-errors';
import { newPrincipal } from './test-support/principals';
import { RecordingLogger } from './test-support/recording-logger';
import { ScriptedNetwork, type Step } from './test-support/scripted-gateway';
import { LedgerError, type PreparedTransaction, type StoredIdentity } from '../ledger-port';

const DEADLINES = { evaluateMs: 1_000, endorseMs: 2_000, submitMs: 3_000, commitStatusMs: 4_000 };
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

/** Certificates are stand-in strings; renew() makes the next lookup return a new one. */
class FakeIdentities implements IdentitySource {
  readonly #versions = new Map<string, number>();

  current(principal: Principal): Promise<StoredIdentity> {
    const version = this.#versions.get(principal.id) ?? 1;
    return Promise.resolve({
      principalId: principal.id,
      mspId: principal.mspId,
      certificatePem: `certificate ${version} of ${principal.id}`,
      encryptedPrivateKey: 'sealed',
      notAfter: '2099-01-01T00:00:00.000Z',
      enrollmentId: principal.id,
    });
  }

  signingMaterial(record: StoredIdentity) {
    return { principalId: record.principalId, mspId: record.mspId, certificatePem: record.certificatePem, privateKey };
  }

  renew(principalId: string): void {
    this.#versions.set(principalId, (this.#versions.get(principalId) ?? 1) + 1);
  }
}

function setUp(options: { gatewayCacheSize?: number; submitAttempts?: number } = {}) {
  const network = new ScriptedNetwork();
  const identities = new FakeIdentities();
  const logger = new RecordingLogger();
  const sleeps: number[] = [];
  const client = new FabricLedgerClient({
    connect: network.connector,
    identities,
    connections: { close: () => network.closes.push('connections') },
    deadlines: DEADLINES,
    submitAttempts: options.submitAttempts ?? 3,
    gatewayCacheSize: options.gatewayCacheSize ?? 200,
    logger,
    retryBaseMs: 40,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { network, identities, logger, sleeps, client };
}

async function failureOf(promise: Promise<unknown>): Promise<LedgerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof LedgerError)) {
    throw new Error(`expected a LedgerError, got ${String(error)}`);
  }
  return error;
}

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

  it('when the submit is cut off at its deadline (CANCELLED, as the real network reports it with no orderer quorum), then TIMEOUT names the transaction and nothing is re-proposed', async () => {
    await expectFailsWithoutRetry([{ submit: gatewayError('submit', GrpcStatus.CANCELLED, { details: 'Call cancelled', txId: 'tx-1' }) }, {}], 'TIMEOUT');
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
