import type { Database } from 'better-sqlite3';
import type { Principal, Role } from './principal';
import type { PrincipalRepository } from './principal-repository';
import { defined } from '../../platform/database/rows';
import type { Synchronous } from '../../platform/database/synchronous';

interface PrincipalRow {
  id: string;
  kind: Principal['kind'];
  role: Role;
  stakeholder_id: string;
  msp_id: Principal['mspId'];
  display_name: string;
  saml_issuer: string | null;
  saml_name_id: string | null;
  created_at_iso: string;
  disabled_at_iso: string | null;
}

function toPrincipal(row: PrincipalRow): Principal {
  return {
    id: row.id,
    kind: row.kind,
    role: row.role,
    stakeholderId: row.stakeholder_id,
    mspId: row.msp_id,
    displayName: row.display_name,
    createdAt: row.created_at_iso,
    ...defined({ samlIssuer: row.saml_issuer, samlNameId: row.saml_name_id, disabledAt: row.disabled_at_iso }),
  };
}

export class SqlitePrincipals implements Synchronous<PrincipalRepository> {
  constructor(private readonly db: Database) {}

  insert(p: Principal): void {
    this.db
      .prepare(
        `INSERT INTO principals (id, kind, role, stakeholder_id, msp_id, display_name, saml_issuer, saml_name_id, created_at_iso, disabled_at_iso)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.kind, p.role, p.stakeholderId, p.mspId, p.displayName, p.samlIssuer ?? null, p.samlNameId ?? null, p.createdAt, p.disabledAt ?? null);
  }

  get(id: string): Principal | undefined {
    return this.one('SELECT * FROM principals WHERE id = ?', id);
  }

  findBySamlSubject(issuer: string, nameId: string): Principal | undefined {
    return this.one('SELECT * FROM principals WHERE saml_issuer = ? AND saml_name_id = ?', issuer, nameId);
  }

  findOrganisation(role: Role, displayName: string): Principal | undefined {
    return this.one("SELECT * FROM principals WHERE kind = 'organisation' AND role = ? AND display_name = ?", role, displayName);
  }

  isOnboarded(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM principals WHERE id = ? AND onboarded_at IS NOT NULL').get(id) !== undefined;
  }

  markOnboarded(id: string, at: Date): void {
    this.db.prepare('UPDATE principals SET onboarded_at = ? WHERE id = ?').run(at.getTime(), id);
  }

  disable(id: string, at: Date): void {
    this.db.prepare('UPDATE principals SET disabled_at_iso = COALESCE(disabled_at_iso, ?) WHERE id = ?').run(at.toISOString(), id);
  }

  private one(sql: string, ...params: unknown[]): Principal | undefined {
    const row = this.db.prepare(sql).get(...params) as PrincipalRow | undefined;
    return row === undefined ? undefined : toPrincipal(row);
  }
}
