import type { Principal, Role } from './principal';

/** Persistence of principals (implemented by the SQLite store). */
export interface PrincipalRepository {
  insert(principal: Principal): void;
  get(id: string): Principal | undefined;
  findBySamlSubject(issuer: string, nameId: string): Principal | undefined;
  findOrganisation(role: Role, displayName: string): Principal | undefined;
  /** Onboarded = Fabric identity provisioned and Stakeholder:register submitted. */
  isOnboarded(id: string): boolean;
  markOnboarded(id: string, at: Date): void;
  disable(id: string, at: Date): void;
}
