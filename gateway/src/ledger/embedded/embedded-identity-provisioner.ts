import type { Principal } from '../../identity/principals/principal';
import type { EmbeddedIdentities } from './embedded-identities';
import type { IdentityProvisioner } from '../ledger-port';

/** Embedded mode has nothing to enroll: the simulator issues certificates on first use. */
export class EmbeddedIdentityProvisioner implements IdentityProvisioner {
  constructor(private readonly identities: EmbeddedIdentities) {}

  // a refusal is a rejected promise, like the Fabric provisioner's
  ensureIdentity(principal: Principal): Promise<void> {
    return settled(() => this.identities.identityOf(principal));
  }

  revokeIdentity(principal: Principal): Promise<void> {
    return settled(() => {
      this.identities.revoke(principal.id);
    });
  }
}

/** Runs `work` now; resolves when it returns, rejects with what it throws. */
function settled(work: () => unknown): Promise<void> {
  return new Promise((resolve) => {
    work();
    resolve();
  });
}
