import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { ROLE_ISSUING_MSP } from '@medledger/chaincode/client';
import type { Clock } from '../../platform/clock';
import type { Principal } from '../../identity/principals/principal';
import { CA_IDENTITY_ALREADY_REGISTERED, caErrorCodes, type Attribute, type CaOrgClient, type Enrollment } from './ca-org-client';
import { certificateNotAfter, fabricCaAttributes, ROLE_ATTRIBUTE, STAKEHOLDER_ATTRIBUTE } from './certificate-facts';
import { hasExpired, needsRenewal, refuseUnusable } from './identity-validity';
import { identityKeyContext, type KeyEnvelope } from './key-envelope';
import { KeyedSerialQueue } from './keyed-serial-queue';
import type { IdentityProvisioner, IdentityRecordStore, LedgerLogger, StoredIdentity } from '../ledger-port';

const ATTRIBUTE_NAMES = [ROLE_ATTRIBUTE, STAKEHOLDER_ATTRIBUTE];
/** RFC 5280 reason: the principal left (account disabled or deleted), not a key compromise. */
const REVOCATION_REASON = 'cessationofoperation';

export interface CaProvisionerOptions {
  /** One CA per organisation that issues principals. */
  orgs: readonly CaOrgClient[];
  store: IdentityRecordStore;
  envelope: KeyEnvelope;
  clock: Clock;
  renewBeforeMs: number;
  logger: LedgerLogger;
}

/**
 * Gives each principal its own Fabric identity from its organisation's fabric-ca, with its role
 * and stakeholder ID written into the certificate as attributes.
 *
 * Registration allows ONE enrollment (maxEnrollments 1). The random secret exists only in memory
 * between register and enroll, so a second enrollment could only ever be used by someone who
 * stole it; renewal does not need it (re-enroll is authenticated by the current certificate and
 * uses up no enrollment). Should the key be lost, or the certificate expire, the registrar sets a
 * new secret and allows exactly one more enrollment.
 */
export class CaIdentityProvisioner implements IdentityProvisioner {
  readonly #orgs: ReadonlyMap<string, CaOrgClient>;
  readonly #queue = new KeyedSerialQueue();
  readonly #ensuring = new Map<string, Promise<void>>();

  constructor(private readonly options: CaProvisionerOptions) {
    this.#orgs = new Map(options.orgs.map((org) => [org.settings.mspId, org]));
  }

  /** Concurrent calls for one principal (two first requests) share one enrollment. */
  ensureIdentity(principal: Principal): Promise<void> {
    const pending = this.#ensuring.get(principal.id);
    if (pending !== undefined) {
      return pending;
    }
    const run = this.#queue.run(principal.id, () => this.#ensure(principal));
    this.#ensuring.set(principal.id, run);
    const forget = () => {
      if (this.#ensuring.get(principal.id) === run) {
        this.#ensuring.delete(principal.id);
      }
    };
    run.then(forget, forget);
    return run;
  }

  revokeIdentity(principal: Principal): Promise<void> {
    return this.#queue.run(principal.id, () => this.#revoke(principal));
  }

  async #ensure(principal: Principal): Promise<void> {
    const { store, clock, renewBeforeMs } = this.options;
    const record = await store.get(principal.id);
    refuseUnusable(principal, record);
    if (record !== undefined && !needsRenewal(record, clock(), renewBeforeMs)) {
      return;
    }
    const org = this.#orgOf(principal);
    const renewing = record !== undefined && !hasExpired(record, clock());
    const enrollment = renewing
      ? await org.reenroll(record.enrollmentId, { certificatePem: record.certificatePem, privateKeyPem: this.#privateKeyPem(record) }, ATTRIBUTE_NAMES)
      : await this.#registerAndEnroll(org, principal);
    const stored = await this.#store(principal, enrollment);
    const action = renewing ? 'reenroll' : record === undefined ? 'enroll' : 'enroll-after-expiry';
    this.options.logger.info({ principalId: principal.id, mspId: principal.mspId, notAfter: stored.notAfter, action }, 'Fabric identity issued');
  }

  async #registerAndEnroll(org: CaOrgClient, principal: Principal): Promise<Enrollment> {
    const secret = randomBytes(24).toString('base64url'); // never logged, never stored
    const attributes = attributesOf(principal);
    try {
      await org.register(principal.id, secret, attributes, 1);
    } catch (error) {
      if (!caErrorCodes(error).includes(CA_IDENTITY_ALREADY_REGISTERED)) {
        throw error;
      }
      // registered before, but its key and secret are gone here
      await org.resetSecret(principal.id, secret, attributes);
    }
    return org.enroll(principal.id, secret, ATTRIBUTE_NAMES);
  }

  async #revoke(principal: Principal): Promise<void> {
    const { store, clock, logger } = this.options;
    const record = await store.get(principal.id);
    if (record?.revokedAt !== undefined) {
      return;
    }
    await this.#orgOf(principal).revoke(record?.enrollmentId ?? principal.id, REVOCATION_REASON);
    if (record !== undefined) {
      await store.put({ ...record, revokedAt: clock().toISOString() });
    }
    logger.info({ principalId: principal.id, mspId: principal.mspId }, 'Fabric identity revoked');
  }

  /** Checks what the CA issued before keeping it: the chaincode trusts these attributes blindly. */
  async #store(principal: Principal, enrollment: Enrollment): Promise<StoredIdentity> {
    const certificate = new X509Certificate(enrollment.certificatePem);
    const privateKey = createPrivateKey(enrollment.privateKeyPem);
    const attributes = fabricCaAttributes(enrollment.certificatePem);
    if (!certificate.checkPrivateKey(privateKey)) {
      throw new Error(`the certificate issued for principal ${principal.id} does not match its key`);
    }
    if (attributes[ROLE_ATTRIBUTE] !== principal.role || attributes[STAKEHOLDER_ATTRIBUTE] !== principal.stakeholderId) {
      throw new Error(`the certificate issued for principal ${principal.id} does not carry its role and stakeholder ID`);
    }
    const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' });
    const record: StoredIdentity = {
      principalId: principal.id,
      mspId: principal.mspId,
      certificatePem: enrollment.certificatePem,
      encryptedPrivateKey: this.options.envelope.seal(pkcs8, identityKeyContext(principal.id, principal.mspId)),
      notAfter: certificateNotAfter(enrollment.certificatePem).toISOString(),
      enrollmentId: principal.id,
    };
    await this.options.store.put(record);
    return record;
  }

  #privateKeyPem(record: StoredIdentity): string {
    return this.options.envelope.open(record.encryptedPrivateKey, identityKeyContext(record.principalId, record.mspId)).toString('utf8');
  }

  #orgOf(principal: Principal): CaOrgClient {
    if (ROLE_ISSUING_MSP[principal.role] !== principal.mspId) {
      throw new Error(`principal ${principal.id}: role ${principal.role} is issued by ${ROLE_ISSUING_MSP[principal.role]}, not ${principal.mspId}`);
    }
    const org = this.#orgs.get(principal.mspId);
    if (org === undefined) {
      throw new Error(`no certificate authority is configured for ${principal.mspId}`);
    }
    return org;
  }
}

function attributesOf(principal: Principal): Attribute[] {
  return [
    { name: ROLE_ATTRIBUTE, value: principal.role },
    { name: STAKEHOLDER_ATTRIBUTE, value: principal.stakeholderId },
  ];
}
