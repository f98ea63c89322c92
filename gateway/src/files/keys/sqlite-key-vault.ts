import type { Database } from 'better-sqlite3';
import type { Synchronous } from '../../platform/database/synchronous';
import type { DataKeyRecord, SealedKek } from './key-vault';
import type { KeyVaultRepository } from './key-vault-repository';
import { DATA_KEY_COLUMNS, dataKeyOf, dataKeyValues, KEK_COLUMNS, kekValues, sealedKekOf, type DataKeyRow, type SealedKekRow } from './key-vault-rows';

const DATA_KEYS = `SELECT ${DATA_KEY_COLUMNS} FROM file_data_keys`;

/** The key vault's rows in SQLite (migration 6). */
export class SqliteKeyVault implements Synchronous<KeyVaultRepository> {
  constructor(private readonly db: Database) {}

  claimMasterKeyCheck(check: string, now: Date): string {
    this.db.prepare('INSERT INTO file_key_vault (id, master_key_check, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING').run(check, now.getTime());
    return (this.db.prepare('SELECT master_key_check FROM file_key_vault WHERE id = 1').get() as { master_key_check: string }).master_key_check;
  }

  insertKekIfAbsent(kek: SealedKek): void {
    this.db.prepare(`INSERT INTO file_keks (${KEK_COLUMNS}) VALUES (?, ?, ?, ?) ON CONFLICT (patient_id) DO NOTHING`).run(...kekValues(kek));
  }

  getKek(patientId: string): SealedKek | undefined {
    const row = this.db.prepare(`SELECT ${KEK_COLUMNS} FROM file_keks WHERE patient_id = ?`).get(patientId) as SealedKekRow | undefined;
    return row === undefined ? undefined : sealedKekOf(row);
  }

  deleteKek(patientId: string): boolean {
    return this.db.prepare('DELETE FROM file_keks WHERE patient_id = ?').run(patientId).changes > 0;
  }

  insertDataKey(record: DataKeyRecord): void {
    this.db.prepare(`INSERT INTO file_data_keys (${DATA_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...dataKeyValues(record));
  }

  commitDataKey(keyRef: string): boolean {
    return this.db.prepare("UPDATE file_data_keys SET state = 'committed' WHERE key_ref = ?").run(keyRef).changes > 0;
  }

  getDataKey(keyRef: string): DataKeyRecord | undefined {
    return this.#one(`${DATA_KEYS} WHERE key_ref = ?`, keyRef);
  }

  findDataKeyByStorageRef(storageRef: string): DataKeyRecord | undefined {
    return this.#one(`${DATA_KEYS} WHERE storage_ref = ?`, storageRef);
  }

  listDataKeys(patientId: string): DataKeyRecord[] {
    return (this.db.prepare(`${DATA_KEYS} WHERE patient_id = ? ORDER BY created_at, key_ref`).all(patientId) as DataKeyRow[]).map(dataKeyOf);
  }

  listPendingDataKeys(): DataKeyRecord[] {
    return (this.db.prepare(`${DATA_KEYS} WHERE state = 'pending' ORDER BY created_at, key_ref`).all() as DataKeyRow[]).map(dataKeyOf);
  }

  deleteDataKey(keyRef: string): boolean {
    return this.db.prepare('DELETE FROM file_data_keys WHERE key_ref = ?').run(keyRef).changes > 0;
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM file_keks UNION ALL SELECT 1 FROM file_data_keys LIMIT 1').get() === undefined;
  }

  #one(query: string, key: string): DataKeyRecord | undefined {
    const row = this.db.prepare(query).get(key) as DataKeyRow | undefined;
    return row === undefined ? undefined : dataKeyOf(row);
  }
}
