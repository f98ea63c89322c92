import type { Principal, Role } from './principal';
import type { PrincipalRepository } from './principal-repository';
import { fieldsOf, type RowOf } from '../../platform/database/rows';
import type { Sql } from '../../platform/database/postgres-database';

type PrincipalRow = RowOf<Principal, 'createdAt' | 'disabledAt'>;
/** The record's columns (onboarded_at is the repository's own business, read by isOnboarded). */
const PRINCIPAL = 'SELECT id, kind, role, stakeholder_id, msp_id, display_name, saml_issuer, saml_name_id, created_at_iso, disabled_at_iso FROM principals';

export class PostgresPrincipals implements PrincipalRepository {
  constructor(private readonly sql: Sql) {}

  async insert(p: Principal): Promise<void> {
    await this.sql.run(
      `INSERT INTO principals (id, kind, role, stakeholder_id, msp_id, display_name, saml_issuer, saml_name_id, created_at_iso, disabled_at_iso)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [p.id, p.kind, p.role, p.stakeholderId, p.mspId, p.displayName, p.samlIssuer ?? null, p.samlNameId ?? null, p.createdAt, p.disabledAt ?? null],
    );
  }

  get(id: string): Promise<Principal | undefined> {
    return this.one(`${PRINCIPAL} WHERE id = $1`, [id]);
  }

  findBySamlSubject(issuer: string, nameId: string): Promise<Principal | undefined> {
    return this.one(`${PRINCIPAL} WHERE saml_issuer = $1 AND saml_name_id = $2`, [issuer, nameId]);
  }

  findOrganisation(role: Role, displayName: string): Promise<Principal | undefined> {
    return this.one(`${PRINCIPAL} WHERE kind = 'organisation' AND role = $1 AND display_name = $2`, [role, displayName]);
  }

  async isOnboarded(id: string): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS onboarded FROM principals WHERE id = $1 AND onboarded_at IS NOT NULL', [id])) !== undefined;
  }

  async markOnboarded(id: string, at: Date): Promise<void> {
    await this.sql.run('UPDATE principals SET onboarded_at = $1 WHERE id = $2', [at.getTime(), id]);
  }

  async disable(id: string, at: Date): Promise<void> {
    await this.sql.run('UPDATE principals SET disabled_at_iso = COALESCE(disabled_at_iso, $1) WHERE id = $2', [at.toISOString(), id]);
  }

  private async one(text: string, params: unknown[]): Promise<Principal | undefined> {
    const row = await this.sql.get<PrincipalRow>(text, params);
    return row === undefined ? undefined : fieldsOf<Principal, 'createdAt' | 'disabledAt'>(row);
  }
}
