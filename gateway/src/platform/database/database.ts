import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';

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
  reusePreparedStatements(db);
  return db;
}

/** More distinct SQL texts than the gateway has (a few dozen): beyond this, statements are prepared but not kept. */
const MAX_CACHED_STATEMENTS = 500;

/**
 * The repositories call db.prepare(sql) at every call; compiling the SQL was the largest single
 * cost of an authenticated request in the ledger benchmark's profile (issue 13). The statement of
 * each SQL text is kept and handed out again. This is sound because the gateway runs statements
 * synchronously to completion (no iterator left open) and never switches a statement's pluck, raw,
 * expand or safeIntegers mode, which would then leak into the next caller (database.test.ts checks both).
 */
function reusePreparedStatements(db: Database): void {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    const kept = statements.get(sql);
    if (kept !== undefined) {
      return kept;
    }
    const statement = prepare(sql);
    if (statements.size < MAX_CACHED_STATEMENTS) {
      statements.set(sql, statement);
    }
    return statement;
  }) as Database['prepare'];
}
