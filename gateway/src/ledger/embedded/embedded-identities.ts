import type { LedgerIdentity, MemoryLedger } from '@medledger/ledger-sim';
import type { Principal } from '../../identity/principals/principal';
import { ROLE_ATTRIBUTE, STAKEHOLDER_ATTRIBUTE } from '../fabric/certificate-facts';
import { refuseUnusable } from '../fabric/identity-validity';
import { LedgerError } from '../ledger-port';

/**
 * Principals' identities on the embedded ledger: the simulator's in-memory CA issues each one a
 * certificate with the same attributes fabric-ca would (common name = principal ID, like the
 * Fabric enrollment ID). Nothing is stored: certificates are re-issued after a restart, which the
 * chaincode cannot tell apart because it reads only the attributes. Revocation lasts for the
 * process; a disabled principal (principal.disabledAt) is refused in any case.
 */
export class EmbeddedIdentities {
  readonly #issued = new Map<string, { identity: LedgerIdentity; fingerprint: string }>();
  readonly #revoked = new Set<string>();

  constructor(private readonly ledger: Pick<MemoryLedger, 'identity'>) {}

  identityOf(principal: Principal): LedgerIdentity {
    refuseUnusable(principal);
    if (this.#revoked.has(principal.id)) {
      throw new LedgerError('IDENTITY_REVOKED', `the ledger identity of principal ${principal.id} was revoked`);
    }
    // the certificate must say what the principal is now, so a changed role gets a new one
    const fingerprint = JSON.stringify([principal.mspId, principal.role, principal.stakeholderId]);
    const cached = this.#issued.get(principal.id);
    if (cached?.fingerprint === fingerprint) {
      return cached.identity;
    }
    const identity = this.ledger.identity({
      mspId: principal.mspId,
      commonName: principal.id,
      attributes: { [ROLE_ATTRIBUTE]: principal.role, [STAKEHOLDER_ATTRIBUTE]: principal.stakeholderId },
    });
    this.#issued.set(principal.id, { identity, fingerprint });
    return identity;
  }

  revoke(principalId: string): void {
    this.#revoked.add(principalId);
    this.#issued.delete(principalId);
  }
}
