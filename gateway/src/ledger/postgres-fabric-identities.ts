import type { IdentityRecordStore, StoredIdentity } from './ledger-port';
import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Sql } from '../platform/database/postgres-database';

type IdentityRow = RowOf<StoredIdentity, 'notAfter' | 'revokedAt'>;

/** Each principal's Fabric enrollment: certificate and its private key, encrypted by the Fabric client. */
export class PostgresFabricIdentities implements IdentityRecordStore {
  constructor(private readonly sql: Sql) {}

  async get(principalId: string): Promise<StoredIdentity | undefined> {
    const row = await this.sql.get<IdentityRow>('SELECT * FROM fabric_identities WHERE principal_id = $1', [principalId]);
    return row === undefined ? undefined : fieldsOf<StoredIdentity, 'notAfter' | 'revokedAt'>(row);
  }

  async put(r: StoredIdentity): Promise<void> {
    await this.sql.run(
      `INSERT INTO fabric_identities (principal_id, msp_id, certificate_pem, encrypted_private_key, not_after_iso, enrollment_id, revoked_at_iso)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (principal_id) DO UPDATE SET msp_id = excluded.msp_id, certificate_pem = excluded.certificate_pem,
         encrypted_private_key = excluded.encrypted_private_key, not_after_iso = excluded.not_after_iso,
         enrollment_id = excluded.enrollment_id, revoked_at_iso = excluded.revoked_at_iso`,
      [r.principalId, r.mspId, r.certificatePem, r.encryptedPrivateKey, r.notAfter, r.enrollmentId, r.revokedAt ?? null],
    );
  }
}
