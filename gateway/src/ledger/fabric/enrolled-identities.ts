import { createPrivateKey } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import type { Principal } from '../../identity/principals/principal';
import type { SigningMaterial } from './gateway-port';
import { hasExpired, needsRenewal, refuseUnusable } from './identity-validity';
import { identityKeyContext, type KeyEnvelope } from './key-envelope';
import { LedgerError, type IdentityProvisioner, type IdentityRecordStore, type LedgerLogger, type StoredIdentity } from '../ledger-port';

export interface EnrolledIdentitiesOptions {
  store: IdentityRecordStore;
  provisioner: IdentityProvisioner;
  envelope: KeyEnvelope;
  clock: Clock;
  renewBeforeMs: number;
  logger: LedgerLogger;
}

/**
 * The principal's usable Fabric identity, for the ledger client: enrolled on first use, renewed
 * when close to expiry, refused when revoked. The private key is decrypted only to build a signer.
 */
export class EnrolledIdentities {
  constructor(private readonly options: EnrolledIdentitiesOptions) {}

  async current(principal: Principal): Promise<StoredIdentity> {
    const { store, provisioner, clock, renewBeforeMs, logger } = this.options;
    refuseUnusable(principal);
    let record = await store.get(principal.id);
    refuseUnusable(principal, record);
    if (record === undefined || needsRenewal(record, clock(), renewBeforeMs)) {
      try {
        await provisioner.ensureIdentity(principal);
      } catch (error) {
        // a CA outage must not stop a principal whose certificate is still valid; renewal is retried on the next call
        if (record === undefined || hasExpired(record, clock())) {
          throw error;
        }
        logger.warn({ principalId: principal.id, notAfter: record.notAfter, code: (error as { code?: unknown }).code }, 'certificate renewal failed; using the current certificate');
      }
      record = await store.get(principal.id);
    }
    if (record === undefined) {
      throw new Error(`no Fabric identity is stored for principal ${principal.id} after enrollment`);
    }
    refuseUnusable(principal, record);
    if (record.mspId !== principal.mspId) {
      throw new Error(`the stored Fabric identity of principal ${principal.id} belongs to ${record.mspId}, not ${principal.mspId}`);
    }
    if (hasExpired(record, clock())) {
      throw new LedgerError('ENROLLMENT_FAILED', `the certificate of principal ${principal.id} expired and could not be renewed`);
    }
    return record;
  }

  signingMaterial(record: StoredIdentity): SigningMaterial {
    const keyPem = this.options.envelope.open(record.encryptedPrivateKey, identityKeyContext(record.principalId, record.mspId));
    return { principalId: record.principalId, mspId: record.mspId, certificatePem: record.certificatePem, privateKey: createPrivateKey(keyPem) };
  }
}
