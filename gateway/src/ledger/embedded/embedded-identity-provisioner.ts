import type { Principal } from '../../identity/principals/principal';
import type { EmbeddedIdentities } from './embedded-identities';
import type { IdentityProvisioner } from '../ledger-port';

/** Embedded mode has nothing to enroll: the simulator issues certificates on first use. */
export class EmbeddedIdentityProvisioner implements IdentityProvisioner {
  constructor(private readonly identities: EmbeddedIdentities) {}

  // async so that a refusal is a rejected promise, like the Fabric provisioner's
  async ensureIdentity(principal: Principal): Promise<void> {
    this.identities.identityOf(principal);
  }

  async revokeIdentity(principal: Principal): Promise<void> {
    this.identities.revoke(principal.id);
  }
}
