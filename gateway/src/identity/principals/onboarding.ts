import type { Clock } from '../../platform/clock';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import { LedgerError, type IdentityProvisioner } from '../../ledger/ledger-port';
import type { Principal } from './principal';
import type { PrincipalRepository } from './principal-repository';

export interface OnboardingDeps {
  principals: PrincipalRepository;
  identities: IdentityProvisioner;
  ledger: LedgerCalls;
  clock: Clock;
}

/**
 * Gives a principal its Fabric identity and registers it on chain, once. Safe to repeat after a
 * crash half-way: the identity step is idempotent and an existing registration counts as done.
 */
export async function onboard(deps: OnboardingDeps, principal: Principal): Promise<void> {
  if (await deps.principals.isOnboarded(principal.id)) {
    return;
  }
  await deps.identities.ensureIdentity(principal);
  await registerStakeholder(deps.ledger, principal);
  await deps.principals.markOnboarded(principal.id, deps.clock());
}

async function registerStakeholder(ledger: LedgerCalls, principal: Principal): Promise<void> {
  try {
    await ledger.submitJson(principal, 'Stakeholder:register');
  } catch (error) {
    if (!(error instanceof LedgerError && error.code === 'ALREADY_EXISTS')) {
      throw error;
    }
  }
}
