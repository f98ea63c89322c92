import type { Database } from 'better-sqlite3';
import type { IdentityRecordStore, StoredIdentity } from './ledger-port';
import { fieldsOf, type RowOf } from '../platform/database/rows';
import type { Synchronous } from '../platform/database/synchronous';

type IdentityRow = RowOf<StoredIdentity, 'notAfter' | 'revokedAt'>;

/** Each principal's Fabric enrollment: certificate and its private key, encrypted by the Fabric client. */
export class SqliteFabricIdentities implements Synchronous<IdentityRecordStore> {
  constructor(private readonly db: Database) {}

  get(principalId: string): StoredIdentity | undefined {
    const row = this.db.prepare('SELECT * FROM fabric_identities WHERE principal_id = ?').get(principalId) as IdentityRow | undefined;
    return row === undefined ? undefined : fieldsOf<StoredIdentity, 'notAfter' | 'revokedAt'>(row);
  }

  put(r: StoredIdentity): void {
    this.db
      .prepare(
        `INSERT INTO fabric_identities (principal_id, msp_id, certificate_pem, encrypted_private_key, not_after_iso, enrollment_id, revoked_at_iso)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (principal_id) DO UPDATE SET msp_id = excluded.msp_id, certificate_pem = excluded.certificate_pem,
           encrypted_private_key = excluded.encrypted_private_key, not_after_iso = excluded.not_after_iso,
           enrollment_id = excluded.enrollment_id, revoked_at_iso = excluded.revoked_at_iso`,
      )
      .run(r.principalId, r.mspId, r.certificatePem, r.encryptedPrivateKey, r.notAfter, r.enrollmentId, r.revokedAt ?? null);
  }
}
