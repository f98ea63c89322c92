import type { Principal, Role } from './principal';

/** Persistence of principals (implemented by the SQLite store). */
export interface PrincipalRepository {
  insert(principal: Principal): Promise<void>;
  get(id: string): Promise<Principal | undefined>;
  findBySamlSubject(issuer: string, nameId: string): Promise<Principal | undefined>;
  findOrganisation(role: Role, displayName: string): Promise<Principal | undefined>;
  /** Onboarded = Fabric identity provisioned and Stakeholder:register submitted. */
  isOnboarded(id: string): Promise<boolean>;
  markOnboarded(id: string, at: Date): Promise<void>;
  disable(id: string, at: Date): Promise<void>;
}
