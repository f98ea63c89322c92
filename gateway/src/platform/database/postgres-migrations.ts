import type { Pool } from 'pg';
import type { Migration } from './migrations';
import { inTransaction } from './postgres-database';

/**
 * The schema of migrations.ts in PostgreSQL's dialect, version for version and name for name
 * (postgres-migrations.test.ts holds the two lists together): add a migration to both. Epoch
 * milliseconds are BIGINT; the notification backlog's id is an identity column. Never edit a
 * released migration; add the next number.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'principals, sessions, credentials, SAML replay protection, Fabric identities',
    sql: `
      CREATE TABLE principals (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
        role TEXT NOT NULL,
        stakeholder_id TEXT NOT NULL UNIQUE,
        msp_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        saml_issuer TEXT,
        saml_name_id TEXT,
        created_at_iso TEXT NOT NULL,
        disabled_at_iso TEXT,
        onboarded_at BIGINT,
        UNIQUE (saml_issuer, saml_name_id)
      );
      CREATE UNIQUE INDEX principals_organisation_name ON principals (role, display_name) WHERE kind = 'organisation';

      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        principal_id TEXT NOT NULL REFERENCES principals (id),
        csrf_token TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        saml_session_index TEXT
      );
      CREATE INDEX sessions_principal ON sessions (principal_id);

      CREATE TABLE personal_access_tokens (
        id TEXT PRIMARY KEY,
        principal_id TEXT NOT NULL REFERENCES principals (id),
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        last_used_at BIGINT,
        revoked_at BIGINT
      );
      CREATE INDEX personal_access_tokens_principal ON personal_access_tokens (principal_id);

      CREATE TABLE api_keys (
        key_id TEXT PRIMARY KEY,
        principal_id TEXT NOT NULL REFERENCES principals (id),
        secret_hash TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        last_used_at BIGINT,
        revoked_at BIGINT,
        replaced_by TEXT
      );
      CREATE INDEX api_keys_principal ON api_keys (principal_id);

      CREATE TABLE saml_replay (
        assertion_id TEXT PRIMARY KEY,
        not_on_or_after BIGINT NOT NULL
      );
      CREATE INDEX saml_replay_expiry ON saml_replay (not_on_or_after);

      CREATE TABLE saml_requests (
        request_id TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX saml_requests_expiry ON saml_requests (expires_at);

      CREATE TABLE fabric_identities (
        principal_id TEXT PRIMARY KEY,
        msp_id TEXT NOT NULL,
        certificate_pem TEXT NOT NULL,
        encrypted_private_key TEXT NOT NULL,
        not_after_iso TEXT NOT NULL,
        enrollment_id TEXT NOT NULL,
        revoked_at_iso TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'idempotency keys of REST POSTs (api/idempotency.ts)',
    sql: `
      CREATE TABLE idempotency_keys (
        principal_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('in-progress', 'completed')),
        response_status INTEGER,
        response_body TEXT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (principal_id, key)
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
    `,
  },
  {
    version: 3,
    name: 'notifications: backlog per principal, chaincode event checkpoint, watched grant expiries (notifications/)',
    sql: `
      CREATE TABLE notifications (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        principal_id TEXT NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX notifications_principal ON notifications (principal_id, id);
      CREATE INDEX notifications_created ON notifications (created_at);

      CREATE TABLE event_checkpoints (
        listener TEXT PRIMARY KEY,
        block_number TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE notification_subjects (
        object_id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL
      );

      CREATE TABLE watched_grants (
        grant_id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL,
        grantee_id TEXT NOT NULL,
        valid_until BIGINT NOT NULL,
        notified_at BIGINT
      );
      CREATE INDEX watched_grants_due ON watched_grants (valid_until) WHERE notified_at IS NULL;
    `,
  },
  {
    version: 4,
    name: 'sessions: when the person last authenticated, for step-up (identity/step-up.ts)',
    sql: `
      ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT;
      UPDATE sessions SET authenticated_at = created_at;
    `,
  },
  {
    version: 5,
    name: 'directory of professionals: display data off chain (features/directory/)',
    sql: `
      CREATE TABLE directory_entries (
        stakeholder_id TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
        specialties TEXT NOT NULL,
        city TEXT CHECK (city IS NULL OR length(city) BETWEEN 1 AND 80),
        about TEXT CHECK (about IS NULL OR length(about) BETWEEN 1 AND 500),
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX directory_entries_role ON directory_entries (role, stakeholder_id);
    `,
  },
  {
    version: 6,
    name: 'files key vault: sealed KEKs, wrapped data keys, master key check (files/keys/)',
    // Shared by every gateway on this database, so creating a KEK is one INSERT ... ON CONFLICT DO NOTHING.
    // No foreign key from data keys to KEKs: destroying a KEK shreds its data keys, it does not delete them.
    sql: `
      CREATE TABLE file_key_vault (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        master_key_check TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );

      CREATE TABLE file_keks (
        patient_id TEXT PRIMARY KEY,
        kek_id TEXT NOT NULL,
        sealed_key TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );

      CREATE TABLE file_data_keys (
        key_ref TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL,
        file_id TEXT NOT NULL,
        kek_id TEXT NOT NULL,
        wrapped_key TEXT NOT NULL,
        storage_ref TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'committed')),
        created_at BIGINT NOT NULL
      );
      CREATE INDEX file_data_keys_patient ON file_data_keys (patient_id, created_at);
      CREATE INDEX file_data_keys_pending ON file_data_keys (created_at) WHERE state = 'pending';
    `,
  },
  {
    version: 7,
    name: 'idempotency keys survive a gateway crash: the lease of the run in progress and the transaction it sent (api/idempotency.ts)',
    sql: `
      ALTER TABLE idempotency_keys ADD COLUMN owner TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN lease_until BIGINT;
      ALTER TABLE idempotency_keys ADD COLUMN prepared_transaction TEXT;
    `,
  },
];

/**
 * Applies every migration newer than the database in one transaction. Gateways that start at once
 * queue on a transaction-scoped advisory lock, so the second finds the first one's work done
 * instead of applying it again.
 */
export async function migratePostgres(pool: Pool, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('medledger.schema_version'))");
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    const pending = migrations.filter((migration) => migration.version > current);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
    }
    // Rate-limit windows: PostgreSQL only (the SQLite gateway counts in memory), transient, so UNLOGGED and outside the numbered schema.
    await client.query('CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_windows (key TEXT NOT NULL, window_start BIGINT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (key, window_start))');
    return pending.map((migration) => migration.version);
  });
}
