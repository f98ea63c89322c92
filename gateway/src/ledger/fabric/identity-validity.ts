import type { Principal } from '../../identity/principals/principal';
import { LedgerError, type StoredIdentity } from '../ledger-port';

/** True when the certificate expires within the renewal margin (or already has). */
export function needsRenewal(record: Pick<StoredIdentity, 'notAfter'>, now: Date, renewBeforeMs: number): boolean {
  return Date.parse(record.notAfter) - renewBeforeMs <= now.getTime();
}

export function hasExpired(record: Pick<StoredIdentity, 'notAfter'>, now: Date): boolean {
  return Date.parse(record.notAfter) <= now.getTime();
}

/**
 * A disabled principal or a revoked identity never signs again. Checked by the gateway itself
 * because peers only learn of a revocation when the CA's CRL reaches the channel configuration.
 */
export function refuseUnusable(principal: Pick<Principal, 'id' | 'disabledAt'>, record?: Pick<StoredIdentity, 'revokedAt'>): void {
  if (principal.disabledAt !== undefined) {
    throw new LedgerError('IDENTITY_REVOKED', `principal ${principal.id} is disabled`);
  }
  if (record?.revokedAt !== undefined) {
    throw new LedgerError('IDENTITY_REVOKED', `the Fabric identity of principal ${principal.id} was revoked`);
  }
}
