import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

export const IN_MEMORY = ':memory:';

/** Opens (creating if needed) the gateway database with WAL, enforced foreign keys and a busy timeout for concurrent writers. */
export function openDatabase(file: string): Database {
  if (file !== IN_MEMORY) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }
  const db = new BetterSqlite3(file);
  if (file !== IN_MEMORY) {
    chmodSync(file, 0o600); // principals and credential hashes: owner only
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (file !== IN_MEMORY) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  return db;
}
