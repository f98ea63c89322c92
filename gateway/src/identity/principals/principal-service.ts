import type { SamlLogin } from '../saml/types';
import type { ApiKeyRepository } from '../api-keys/api-key-repository';
import type { SessionRepository } from '../sessions/session-repository';
import type { TokenRepository } from '../tokens/token-repository';
import { onboard, type OnboardingDeps } from './onboarding';
import { mspOf } from './msp-of';
import { PrincipalError } from './principal-error';
import type { OrganisationRole } from './organisation-roles';
import type { Principal } from './principal';
import type { PrincipalRepository } from './principal-repository';
import { newPrincipalId, newStakeholderId } from './principal-ids';
import { DuplicateKeyError } from '../../platform/database/store-errors';

/** The tables a principal's life touches; removing an account revokes its credentials in one transaction. */
export interface PrincipalStores {
  principals: PrincipalRepository;
  tokens: TokenRepository;
  apiKeys: ApiKeyRepository;
  sessions: SessionRepository;
  transaction<T>(work: (tx: Omit<PrincipalStores, 'transaction'>) => Promise<T>): Promise<T>;
}

export type PrincipalServiceDeps = Omit<OnboardingDeps, 'principals'> & { store: PrincipalStores };
type NewPrincipal = Pick<Principal, 'kind' | 'role' | 'displayName' | 'samlIssuer' | 'samlNameId'>;

/** The life of a principal: created at first sign-in or first API key, onboarded to the ledger, disabled at account removal. */
export class PrincipalService {
  private readonly principals: PrincipalRepository;
  private readonly onboarding: OnboardingDeps;

  constructor(private readonly deps: PrincipalServiceDeps) {
    this.principals = deps.store.principals;
    this.onboarding = { ...deps, principals: deps.store.principals };
  }

  /** The person behind a verified SAML login (IdP entityID + NameID), created and onboarded on first login. */
  async signIn(login: SamlLogin): Promise<Principal> {
    const find = () => this.principals.findBySamlSubject(login.issuer, login.nameId);
    const existing = await find();
    if (existing?.disabledAt !== undefined) {
      throw new PrincipalError('FORBIDDEN', 'this account has been removed');
    }
    if (existing !== undefined && existing.role !== login.role) {
      throw new PrincipalError('FORBIDDEN', `the identity provider now asserts role ${login.role}, but this account is a ${existing.role}; an administrator must move it`);
    }
    const principal = existing ?? await this.create({ kind: 'person', role: login.role, displayName: login.displayName ?? login.nameId, samlIssuer: login.issuer, samlNameId: login.nameId }, find);
    await onboard(this.onboarding, principal);
    return principal;
  }

  /** The organisation with this role and name, created and onboarded if it does not exist yet. */
  async organisation(role: OrganisationRole, displayName: string): Promise<Principal> {
    const find = () => this.principals.findOrganisation(role, displayName);
    const existing = await find();
    if (existing?.disabledAt !== undefined) {
      throw new PrincipalError('CONFLICT', `organisation "${displayName}" (${role}) has been removed`);
    }
    const principal = existing ?? await this.create({ kind: 'organisation', role, displayName }, find);
    await onboard(this.onboarding, principal);
    return principal;
  }

  /** Account removal: no more sign-ins, every session, token and key ends now, and the Fabric identity is revoked. */
  async disable(principalId: string): Promise<void> {
    const principal = await this.principals.get(principalId);
    if (principal === undefined) {
      throw new PrincipalError('NOT_FOUND', `no principal ${principalId}`);
    }
    const now = this.deps.clock();
    await this.deps.store.transaction(async (tx) => {
      await tx.principals.disable(principalId, now);
      await tx.tokens.revokeAllFor(principalId, now.getTime());
      await tx.apiKeys.revokeAllFor(principalId, now.getTime());
      await tx.sessions.deleteForPrincipal(principalId);
    });
    await this.deps.identities.revokeIdentity(principal);
  }

  /** Inserts a new principal; if a concurrent request inserted the same one first, that one wins. */
  private async create(fields: NewPrincipal, findExisting: () => Promise<Principal | undefined>): Promise<Principal> {
    const principal: Principal = {
      id: newPrincipalId(),
      stakeholderId: newStakeholderId(fields.role),
      mspId: mspOf(fields.role),
      createdAt: this.deps.clock().toISOString(),
      ...withoutUndefined(fields),
    };
    try {
      await this.principals.insert(principal);
      return principal;
    } catch (error) {
      const winner = error instanceof DuplicateKeyError ? await findExisting() : undefined;
      if (winner === undefined) {
        throw error;
      }
      return winner;
    }
  }
}

function withoutUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
