import BetterSqlite3 from 'better-sqlite3';

/** Every text value in every table of a database file: to prove a secret is not stored anywhere. */
export function allStoredText(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row))).join('\n');
  } finally {
    db.close();
  }
}
