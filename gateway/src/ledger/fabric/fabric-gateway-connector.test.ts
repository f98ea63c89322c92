import { createPrivateKey } from 'node:crypto';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Principal } from '../../identity/principals/principal';
import { fabricGatewayConnector } from './fabric-gateway-connector';
import { FabricLedgerClient } from './fabric-ledger-client';
import type { SigningMaterial } from './gateway-port';
import { FakeGatewayPeer } from './test-support/fake-gateway-peer';
import { serviceError } from './test-support/gateway-errors';
import { newPrincipal } from './test-support/principals';
import { RecordingLogger } from './test-support/recording-logger';
import { selfSignedIdentity } from './test-support/self-signed';
import type { StoredIdentity } from '../ledger-port';

// These tests run fabric-gateway's real client code (proposal building, signing, error wrapping)
// against a fake peer that decodes the protobufs and verifies every signature.

const DEADLINES = { evaluateMs: 1_500, endorseMs: 2_500, submitMs: 3_500, commitStatusMs: 4_500 };
const material = selfSignedIdentity('prn_connector');

function setUp() {
  const fakePeer = new FakeGatewayPeer();
  const connector = fabricGatewayConnector({ clients: { clientFor: () => fakePeer.client }, channel: 'medledger', chaincode: 'medledger', deadlines: DEADLINES });
  const identityOf = (principal: Principal): SigningMaterial => ({
    principalId: principal.id,
    mspId: principal.mspId,
    certificatePem: material.certificatePem,
    privateKey: createPrivateKey(material.privateKeyPem),
  });
  return { fakePeer, connector, identityOf };
}

describe('fabricGatewayConnector', () => {
  it('when a query is evaluated, then the peer receives a correctly signed proposal with a deadline and the result comes back', async () => {
    const { fakePeer, connector, identityOf } = setUp();
    fakePeer.behaviour = { result: '{"ok":true}' };
    const principal = newPrincipal();
    const gateway = connector(identityOf(principal));

    const proposal = gateway.newProposal('Stakeholder:get', { arguments: ['pat-123456'] });
    const before = Date.now();
    const result = await proposal.evaluate({ deadline: Date.now() + DEADLINES.evaluateMs });

    expect(new TextDecoder().decode(result)).toBe('{"ok":true}');
    const [request] = fakePeer.requests;
    expect(request).toMatchObject({ method: 'Evaluate', txId: proposal.getTransactionId(), channel: 'medledger', args: ['Stakeholder:get', 'pat-123456'], creatorMspId: principal.mspId });
    expect(request?.deadline as number).toBeGreaterThanOrEqual(before + DEADLINES.evaluateMs);
  });

  it('when a transaction is endorsed, submitted and awaited, then every message is signed verifiably with a low-S signature and the transient data arrives', async () => {
    const { fakePeer, connector, identityOf } = setUp();
    fakePeer.behaviour = { result: 'stored' };
    const gateway = connector(identityOf(newPrincipal()));

    const proposal = gateway.newProposal('Records:add', { arguments: ['pat-123456'], transientData: { record: new TextEncoder().encode('note') } });
    const endorsed = await proposal.endorse({ deadline: Date.now() + DEADLINES.endorseMs });
    const commit = await endorsed.submit({ deadline: Date.now() + DEADLINES.submitMs });
    const status = await commit.getStatus({ deadline: Date.now() + DEADLINES.commitStatusMs });

    expect(status).toMatchObject({ code: 0, successful: true });
    expect(new TextDecoder().decode(endorsed.getResult())).toBe('stored');
    expect(fakePeer.requests.map((request) => request.method)).toEqual(['Endorse', 'Submit', 'CommitStatus']);
    expect(fakePeer.requests[0]?.transient).toEqual(new Map([['record', 'note']]));
  });

  it('when the commit status of a transaction is asked for by ID, then the request equals the one fabric-gateway builds after a submit', async () => {
    const { fakePeer, connector, identityOf } = setUp();
    const gateway = connector(identityOf(newPrincipal()));
    const proposal = gateway.newProposal('Stakeholder:register', { arguments: [] });
    const committed = await (await (await proposal.endorse({})).submit({})).getStatus({});
    expect(committed.successful).toBe(true);

    await gateway.commitOf(proposal.getTransactionId()).getStatus({});

    const [own, byId] = fakePeer.requests.filter((request) => request.method === 'CommitStatus');
    expect(byId?.txId).toBe(proposal.getTransactionId());
    expect(Buffer.from(byId?.commitStatusRequest ?? [])).toEqual(Buffer.from(own?.commitStatusRequest ?? [0]));
  });

  it('when an endorsed transaction is made again from its bytes and sent, then the peer receives the same transaction, signed anew', async () => {
    const { fakePeer, connector, identityOf } = setUp();
    fakePeer.behaviour = { result: 'stored' };
    const gateway = connector(identityOf(newPrincipal()));
    const proposal = gateway.newProposal('Consent:grant', { arguments: ['doc-1'] });
    const endorsed = await proposal.endorse({});
    await endorsed.submit({});

    const again = gateway.preparedOf(endorsed.getBytes());
    await (await again.submit({})).getStatus({});

    const submits = fakePeer.requests.filter((request) => request.method === 'Submit');
    expect(again.getTransactionId()).toBe(proposal.getTransactionId());
    expect(new TextDecoder().decode(again.getResult())).toBe('stored');
    expect(submits.map((request) => request.txId)).toEqual([proposal.getTransactionId(), proposal.getTransactionId()]);
  });

  it('when the submit deadline passes on the wire, then the ledger client asks the peer for that transaction and succeeds on VALID', async () => {
    const { fakePeer, connector, identityOf } = setUp();
    fakePeer.behaviour = { result: 'registered', submitError: serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded') };
    const identities = {
      current: (principal: Principal): Promise<StoredIdentity> =>
        Promise.resolve({ principalId: principal.id, mspId: principal.mspId, certificatePem: material.certificatePem, encryptedPrivateKey: '', notAfter: '2099-01-01T00:00:00Z', enrollmentId: principal.id }),
      signingMaterial: (record: StoredIdentity) => identityOf({ ...newPrincipal(), id: record.principalId }),
    };
    const client = new FabricLedgerClient({ connect: connector, identities, connections: { close: () => undefined }, deadlines: DEADLINES, submitAttempts: 3, gatewayCacheSize: 10, logger: new RecordingLogger() });

    const result = await client.submit(newPrincipal(), 'Stakeholder:register');

    expect(result.payload).toBe('registered');
    expect(fakePeer.requests.map((request) => `${request.method}:${request.txId}`)).toEqual([`Endorse:${result.txId}`, `Submit:${result.txId}`, `CommitStatus:${result.txId}`]);
    await client.close();
  });
});
