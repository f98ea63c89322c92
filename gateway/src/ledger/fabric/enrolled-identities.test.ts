import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Principal } from '../../identity/principals/principal';
import { EnrolledIdentities } from './enrolled-identities';
import { identityKeyContext, KeyEnvelope } from './key-envelope';
import { MemoryIdentityStore } from './test-support/memory-identity-store';
import { newPrincipal } from './test-support/principals';
import { RecordingLogger } from './test-support/recording-logger';
import { LedgerError, type IdentityProvisioner, type StoredIdentity } from '../ledger-port';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

function setUp(provisionerBehaviour: (principal: Principal, store: MemoryIdentityStore) => Promise<void> = () => Promise.resolve()) {
  const store = new MemoryIdentityStore();
  const envelope = new KeyEnvelope(randomBytes(32));
  const logger = new RecordingLogger();
  const ensured: string[] = [];
  const provisioner: IdentityProvisioner = {
    ensureIdentity: (principal) => {
      ensured.push(principal.id);
      return provisionerBehaviour(principal, store);
    },
    revokeIdentity: () => Promise.resolve(),
  };
  const identities = new EnrolledIdentities({ store, provisioner, envelope, clock: () => NOW, renewBeforeMs: 30 * DAY, logger });
  const record = (principal: Principal, notAfter: Date, extra: Partial<StoredIdentity> = {}): StoredIdentity => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const stored = {
      principalId: principal.id,
      mspId: principal.mspId,
      certificatePem: `certificate until ${notAfter.toISOString()}`,
      encryptedPrivateKey: envelope.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }), identityKeyContext(principal.id, principal.mspId)),
      notAfter: notAfter.toISOString(),
      enrollmentId: principal.id,
      ...extra,
    };
    store.records.set(stored.principalId, { ...stored });
    return stored;
  };
  return { store, logger, ensured, identities, record };
}

describe('EnrolledIdentities', () => {
  it('when the principal has no identity yet, then it is enrolled first', async () => {
    const { identities, ensured, record } = setUp((principal) => {
      record(principal, new Date(NOW.getTime() + 365 * DAY));
      return Promise.resolve();
    });
    const principal = newPrincipal();

    const current = await identities.current(principal);

    expect(ensured).toEqual([principal.id]);
    expect(current.principalId).toBe(principal.id);
  });

  it('when the certificate is valid beyond the renewal margin, then the CA is not asked', async () => {
    const { identities, ensured, record } = setUp();
    const principal = newPrincipal();
    const stored = record(principal, new Date(NOW.getTime() + 90 * DAY));

    await expect(identities.current(principal)).resolves.toEqual(stored);
    expect(ensured).toEqual([]);
  });

  it('when renewal is due but the CA fails while the certificate is still valid, then the current certificate is used and the failure logged', async () => {
    const { identities, logger, record } = setUp(() => Promise.reject(new LedgerError('NETWORK_UNAVAILABLE', 'CA down')));
    const principal = newPrincipal();
    const stored = record(principal, new Date(NOW.getTime() + 5 * DAY));

    await expect(identities.current(principal)).resolves.toEqual(stored);
    expect(logger.entries[0]).toMatchObject({ level: 'warn', fields: { principalId: principal.id, code: 'NETWORK_UNAVAILABLE' } });
  });

  it('when the certificate has expired and renewal fails, then the failure is reported', async () => {
    const { identities, record } = setUp(() => Promise.reject(new LedgerError('NETWORK_UNAVAILABLE', 'CA down')));
    const principal = newPrincipal();
    record(principal, new Date(NOW.getTime() - DAY));

    await expect(identities.current(principal)).rejects.toMatchObject({ code: 'NETWORK_UNAVAILABLE' });
  });

  it('when the identity was revoked or the principal disabled, then it is refused without asking the CA', async () => {
    const { identities, ensured, record } = setUp();
    const revoked = newPrincipal();
    record(revoked, new Date(NOW.getTime() + 90 * DAY), { revokedAt: NOW.toISOString() });

    await expect(identities.current(revoked)).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
    await expect(identities.current(newPrincipal('patient', { disabledAt: NOW.toISOString() }))).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
    expect(ensured).toEqual([]);
  });

  it('when signing material is asked for, then the private key is decrypted for that principal only', async () => {
    const { identities, record } = setUp();
    const principal = newPrincipal();
    const stored = record(principal, new Date(NOW.getTime() + 90 * DAY));

    const material = identities.signingMaterial(await identities.current(principal));

    expect(material.privateKey.asymmetricKeyType).toBe('ec');
    expect(() => identities.signingMaterial({ ...stored, principalId: newPrincipal().id })).toThrow('cannot be opened');
  });
});
