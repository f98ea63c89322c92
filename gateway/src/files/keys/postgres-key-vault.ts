import type { Sql } from '../../platform/database/postgres-database';
import type { DataKeyRecord, SealedKek } from './key-vault';
import type { KeyVaultRepository } from './key-vault-repository';
import { DATA_KEY_COLUMNS, dataKeyOf, dataKeyValues, KEK_COLUMNS, kekValues, sealedKekOf, type DataKeyRow, type SealedKekRow } from './key-vault-rows';

const DATA_KEYS = `SELECT ${DATA_KEY_COLUMNS} FROM file_data_keys`;

/**
 * The key vault's rows in PostgreSQL (migration 6), shared by every gateway on the database. Two
 * gateways creating a patient's KEK at once both INSERT ... ON CONFLICT DO NOTHING: the second
 * insert waits for the first to commit, does nothing, and both read back the one KEK.
 */
export class PostgresKeyVault implements KeyVaultRepository {
  constructor(private readonly sql: Sql) {}

  async claimMasterKeyCheck(check: string, now: Date): Promise<string> {
    await this.sql.run('INSERT INTO file_key_vault (id, master_key_check, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [check, now.getTime()]);
    const row = await this.sql.get<{ master_key_check: string }>('SELECT master_key_check FROM file_key_vault WHERE id = 1');
    // the row exists: inserted above or earlier, and never deleted
    return (row as { master_key_check: string }).master_key_check;
  }

  async insertKekIfAbsent(kek: SealedKek): Promise<void> {
    await this.sql.run(`INSERT INTO file_keks (${KEK_COLUMNS}) VALUES ($1, $2, $3, $4) ON CONFLICT (patient_id) DO NOTHING`, kekValues(kek));
  }

  async getKek(patientId: string): Promise<SealedKek | undefined> {
    const row = await this.sql.get<SealedKekRow>(`SELECT ${KEK_COLUMNS} FROM file_keks WHERE patient_id = $1`, [patientId]);
    return row === undefined ? undefined : sealedKekOf(row);
  }

  async deleteKek(patientId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM file_keks WHERE patient_id = $1', [patientId])) > 0;
  }

  async insertDataKey(record: DataKeyRecord): Promise<void> {
    await this.sql.run(`INSERT INTO file_data_keys (${DATA_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, dataKeyValues(record));
  }

  async commitDataKey(keyRef: string): Promise<boolean> {
    return (await this.sql.run("UPDATE file_data_keys SET state = 'committed' WHERE key_ref = $1", [keyRef])) > 0;
  }

  getDataKey(keyRef: string): Promise<DataKeyRecord | undefined> {
    return this.#one(`${DATA_KEYS} WHERE key_ref = $1`, keyRef);
  }

  findDataKeyByStorageRef(storageRef: string): Promise<DataKeyRecord | undefined> {
    return this.#one(`${DATA_KEYS} WHERE storage_ref = $1`, storageRef);
  }

  async listDataKeys(patientId: string): Promise<DataKeyRecord[]> {
    return (await this.sql.all<DataKeyRow>(`${DATA_KEYS} WHERE patient_id = $1 ORDER BY created_at, key_ref COLLATE "C"`, [patientId])).map(dataKeyOf);
  }

  async listPendingDataKeys(): Promise<DataKeyRecord[]> {
    return (await this.sql.all<DataKeyRow>(`${DATA_KEYS} WHERE state = 'pending' ORDER BY created_at, key_ref COLLATE "C"`)).map(dataKeyOf);
  }

  async deleteDataKey(keyRef: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM file_data_keys WHERE key_ref = $1', [keyRef])) > 0;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.sql.get('SELECT 1 FROM file_keks UNION ALL SELECT 1 FROM file_data_keys LIMIT 1')) === undefined;
  }

  async #one(query: string, key: string): Promise<DataKeyRecord | undefined> {
    const row = await this.sql.get<DataKeyRow>(query, [key]);
    return row === undefined ? undefined : dataKeyOf(row);
  }
}
