import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import type { Principal } from '../../identity/principals/principal';
import { CaOrgClient, caErrorCodes } from './ca-org-client';
import { CaIdentityProvisioner } from './ca-provisioner';
import { fabricCaAttributes } from './certificate-facts';
import { identityKeyContext, KeyEnvelope } from './key-envelope';
import { MemoryIdentityStore } from './test-support/memory-identity-store';
import { freePort } from '../../test-support/free-port';
import { startNativeCa, type NativeCa } from './test-support/native-ca';
import { newPrincipal } from './test-support/principals';
import { RecordingLogger } from './test-support/recording-logger';
import { LedgerError } from '../ledger-port';

// Enrollment against a real fabric-ca-server (built by `bash network/scripts/install-fabric.sh ca`).
jest.setTimeout(30_000);

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
let ca: NativeCa | undefined;

beforeAll(async () => {
  ca = await startNativeCa();
});

afterAll(async () => {
  await ca?.stop();
});

function providersCa(settings: Partial<{ url: string }> = {}): CaOrgClient {
  if (ca === undefined) {
    throw new Error('the CA did not start');
  }
  const { url, caName, tlsCaCertPem, registrarId, registrarSecret } = ca;
  return new CaOrgClient({ mspId: 'ProvidersMSP', url, caName, tlsCaCertPem, registrarId, registrarSecret, affiliation: '', ...settings }, () => new Date());
}

/** renewBeforeMs beyond the CA's one-year certificates makes every call renew. */
function setUp(options: { renewBeforeMs?: number; org?: CaOrgClient } = {}) {
  const store = new MemoryIdentityStore();
  const envelope = new KeyEnvelope(randomBytes(32));
  const logger = new RecordingLogger();
  const org = options.org ?? providersCa();
  const provisioner = new CaIdentityProvisioner({ orgs: [org], store, envelope, clock: () => new Date(), renewBeforeMs: options.renewBeforeMs ?? 30 * 24 * 60 * 60 * 1000, logger });
  return { store, envelope, logger, org, provisioner };
}

function storedOf(store: MemoryIdentityStore, principal: Principal) {
  const record = store.records.get(principal.id);
  if (record === undefined) {
    throw new Error(`nothing stored for ${principal.id}`);
  }
  return record;
}

describe('CaIdentityProvisioner against fabric-ca-server', () => {
  it('when a new principal is ensured, then its certificate from the CA carries its role and stakeholder ID and its key is stored encrypted', async () => {
    const { store, envelope, logger, provisioner } = setUp();
    const principal = newPrincipal('doctor');

    await provisioner.ensureIdentity(principal);

    const record = storedOf(store, principal);
    const certificate = new X509Certificate(record.certificatePem);
    expect(certificate.subject).toContain(`CN=${principal.id}`);
    // exactly the requested attributes: fabric-ca leaves out the hf.* ones when attributes are requested
    expect(fabricCaAttributes(record.certificatePem)).toEqual({ 'medledger.role': 'doctor', 'medledger.id': principal.stakeholderId });
    expect(record).toMatchObject({ principalId: principal.id, mspId: 'ProvidersMSP', enrollmentId: principal.id, notAfter: new Date(certificate.validTo).toISOString() });
    expect(record.encryptedPrivateKey).toMatch(/^v1\./);
    expect(record.encryptedPrivateKey).not.toContain('PRIVATE KEY');
    const key = createPrivateKey(envelope.open(record.encryptedPrivateKey, identityKeyContext(principal.id, 'ProvidersMSP')));
    expect(certificate.checkPrivateKey(key)).toBe(true);
    expect(logger.text()).not.toContain('PRIVATE KEY');
  });

  it('when a principal with a valid certificate is ensured again, then nothing is re-issued', async () => {
    const { store, provisioner } = setUp();
    const principal = newPrincipal('patient');
    await provisioner.ensureIdentity(principal);
    const first = storedOf(store, principal);

    await provisioner.ensureIdentity(principal);

    expect(storedOf(store, principal)).toEqual(first);
  });

  it('when the certificate is within the renewal margin, then it is re-enrolled with a new key and the same attributes', async () => {
    const { store, provisioner } = setUp({ renewBeforeMs: 2 * YEAR_MS });
    const principal = newPrincipal('regulator');
    await provisioner.ensureIdentity(principal);
    const first = storedOf(store, principal);

    await provisioner.ensureIdentity(principal);

    const renewed = storedOf(store, principal);
    expect(renewed.certificatePem).not.toBe(first.certificatePem);
    expect(new X509Certificate(renewed.certificatePem).publicKey.export({ format: 'jwk' })).not.toEqual(new X509Certificate(first.certificatePem).publicKey.export({ format: 'jwk' }));
    expect(fabricCaAttributes(renewed.certificatePem)).toMatchObject({ 'medledger.role': 'regulator', 'medledger.id': principal.stakeholderId });
  });

  it('when two first requests ensure the same principal at once, then it is registered and enrolled once', async () => {
    const { logger, provisioner } = setUp();
    const principal = newPrincipal('patient');

    await Promise.all([provisioner.ensureIdentity(principal), provisioner.ensureIdentity(principal)]);

    expect(logger.entries.filter((entry) => entry.message === 'Fabric identity issued')).toHaveLength(1);
  });

  it('when the gateway lost a registered principal’s record, then the registrar sets a new secret and it is enrolled again', async () => {
    const first = setUp();
    const principal = newPrincipal('admin');
    await first.provisioner.ensureIdentity(principal);
    const second = setUp(); // an empty store, same CA

    await second.provisioner.ensureIdentity(principal);

    const record = storedOf(second.store, principal);
    expect(record.certificatePem).not.toBe(storedOf(first.store, principal).certificatePem);
    expect(fabricCaAttributes(record.certificatePem)).toMatchObject({ 'medledger.role': 'admin', 'medledger.id': principal.stakeholderId });
  });

  it('when a principal is revoked, then the record is marked, the gateway refuses it, and the CA refuses to enroll it again', async () => {
    const { store, envelope, org, provisioner } = setUp();
    const principal = newPrincipal('doctor');
    await provisioner.ensureIdentity(principal);
    const record = storedOf(store, principal);

    await provisioner.revokeIdentity(principal);
    await provisioner.revokeIdentity(principal); // idempotent

    expect(storedOf(store, principal).revokedAt).toEqual(expect.any(String));
    await expect(provisioner.ensureIdentity(principal)).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
    // the CA itself: re-enrollment with the revoked certificate, and a fresh registration attempt
    const privateKeyPem = envelope.open(record.encryptedPrivateKey, identityKeyContext(principal.id, principal.mspId)).toString();
    const reenroll = org.reenroll(principal.id, { certificatePem: record.certificatePem, privateKeyPem }, ['medledger.role', 'medledger.id']);
    await expect(reenroll).rejects.toMatchObject({ code: 'ENROLLMENT_FAILED' });
    expect(caErrorCodes(await reenroll.catch((error: unknown) => error))).toContain(20);
    const elsewhere = setUp({ org });
    await expect(elsewhere.provisioner.ensureIdentity(principal)).rejects.toMatchObject({ code: 'ENROLLMENT_FAILED' });
    expect(elsewhere.store.records.get(principal.id)).toBeUndefined();
  });

  it('when the principal is disabled, then no identity is issued', async () => {
    const { store, provisioner } = setUp();
    const principal = newPrincipal('patient', { disabledAt: '2026-01-02T00:00:00.000Z' });

    await expect(provisioner.ensureIdentity(principal)).rejects.toBeInstanceOf(LedgerError);
    expect(store.records.get(principal.id)).toBeUndefined();
  });

  it('when the principal’s role is not issued by its MSP, or its MSP has no CA configured, then enrollment is refused before calling the CA', async () => {
    const { provisioner } = setUp();

    await expect(provisioner.ensureIdentity(newPrincipal('doctor', { mspId: 'PayersMSP' }))).rejects.toThrow('is issued by ProvidersMSP');
    await expect(provisioner.ensureIdentity(newPrincipal('insurer'))).rejects.toThrow('no certificate authority is configured for PayersMSP');
  });

  it('when the CA cannot be reached, then NETWORK_UNAVAILABLE 503 is reported', async () => {
    const org = providersCa({ url: `https://127.0.0.1:${await freePort()}` });
    const { provisioner } = setUp({ org });

    await expect(provisioner.ensureIdentity(newPrincipal('patient'))).rejects.toMatchObject({ code: 'NETWORK_UNAVAILABLE' });
  });
});
