import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fabricCaAttributes } from './certificate-facts';
import type { FabricConfig } from './fabric-config';
import { createFabricLedgerAccess } from './fabric-mode';
import { FakeGatewayPeer } from './test-support/fake-gateway-peer';
import { serveFakePeer } from './test-support/fake-peer-server';
import { MemoryIdentityStore } from './test-support/memory-identity-store';
import { startNativeCa, type NativeCa } from './test-support/native-ca';
import { newPrincipal } from './test-support/principals';
import { RecordingLogger } from './test-support/recording-logger';
import { tlsServerMaterial } from './test-support/self-signed';
import type { LedgerAccess } from '../ledger-port';

// The Fabric mode as wired for production: enrollment at a real fabric-ca-server, then
// transactions over gRPC and TLS (with a host name override) to a fake Gateway peer that checks
// every signature. Only the peer is fake.
jest.setTimeout(30_000);

const PEER_HOST = 'peer0.providers.medledger.local';
let ca: NativeCa | undefined;
let peer: { endpoint: string; stop(): Promise<void> } | undefined;
let access: LedgerAccess | undefined;
const fakePeer = new FakeGatewayPeer();
const store = new MemoryIdentityStore();
const logger = new RecordingLogger();
const files = mkdtempSync(join(tmpdir(), 'medledger-fabric-mode-'));

beforeAll(async () => {
  const tls = tlsServerMaterial(PEER_HOST);
  [ca, peer] = await Promise.all([startNativeCa('ca-providers'), serveFakePeer(fakePeer, tls)]);
  writeFileSync(join(files, 'peer-tls-ca.pem'), tls.caCertPem);
  writeFileSync(join(files, 'ca-tls.pem'), ca.tlsCaCertPem);
  const config: FabricConfig = {
    channel: 'medledger',
    chaincode: 'medledger',
    orgs: [
      {
        mspId: 'ProvidersMSP',
        peers: [{ endpoint: peer.endpoint, tlsCaCertFile: join(files, 'peer-tls-ca.pem'), hostOverride: PEER_HOST }],
        ca: { url: ca.url, caName: ca.caName, tlsCaCertFile: join(files, 'ca-tls.pem'), registrarId: ca.registrarId, registrarSecret: ca.registrarSecret, affiliation: '' },
      },
    ],
    deadlines: { evaluateMs: 5_000, endorseMs: 5_000, submitMs: 300, commitStatusMs: 5_000 },
    submitAttempts: 3,
    gatewayCacheSize: 10,
    renewBeforeDays: 30,
  };
  access = createFabricLedgerAccess(config, { store, privateKeyEncryptionKey: randomBytes(32), logger });
});

afterAll(async () => {
  await access?.ledger.close();
  await Promise.all([ca?.stop(), peer?.stop()]);
  rmSync(files, { recursive: true, force: true });
});

function ledgerAccess(): LedgerAccess {
  if (access === undefined) {
    throw new Error('set-up failed');
  }
  return access;
}

describe('Fabric mode wiring', () => {
  it('when a new principal submits, then it is enrolled on first use and the peer receives transactions signed by its own certificate with its attributes', async () => {
    const doctor = newPrincipal('doctor');
    fakePeer.behaviour = { result: 'registered' };

    const result = await ledgerAccess().ledger.submit(doctor, 'Stakeholder:register');

    expect(result.payload).toBe('registered');
    const endorsement = fakePeer.requests.find((request) => request.method === 'Endorse' && request.txId === result.txId);
    expect(endorsement?.creatorMspId).toBe('ProvidersMSP');
    expect(endorsement?.creatorCertificatePem).toBe(store.records.get(doctor.id)?.certificatePem);
    expect(fabricCaAttributes(endorsement?.creatorCertificatePem ?? '')).toEqual({ 'medledger.role': 'doctor', 'medledger.id': doctor.stakeholderId });
    expect(fakePeer.requests.filter((request) => request.txId === result.txId).map((request) => request.method)).toEqual(['Endorse', 'Submit', 'CommitStatus']);
  });

  it('when the submit answer misses its deadline, then the real gRPC deadline error leads to a status query for the same transaction', async () => {
    const patient = newPrincipal('patient');
    fakePeer.behaviour = { result: 'late but committed', submitDelayMs: 1_000 };

    const result = await ledgerAccess().ledger.submit(patient, 'Stakeholder:register');

    expect(result.payload).toBe('late but committed');
    const methods = fakePeer.requests.filter((request) => request.txId === result.txId).map((request) => request.method);
    expect(methods).toEqual(['Endorse', 'Submit', 'CommitStatus']);
    expect(fakePeer.requests.filter((request) => request.method === 'Endorse' && request.creatorCertificatePem === store.records.get(patient.id)?.certificatePem)).toHaveLength(1);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ txId: result.txId }) as unknown, message: expect.stringContaining('submit deadline exceeded') as unknown }));
  });

  it('when a principal is revoked, then the gateway no longer signs for it', async () => {
    const patient = newPrincipal('patient');
    fakePeer.behaviour = { result: '{}' };
    await ledgerAccess().ledger.evaluate(patient, 'Stakeholder:get', [patient.stakeholderId]);

    await ledgerAccess().provisioner.revokeIdentity(patient);

    await expect(ledgerAccess().ledger.evaluate(patient, 'Stakeholder:get', [patient.stakeholderId])).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
  });
});
