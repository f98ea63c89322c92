import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './database';

describe('openDatabase', () => {
  it('hands out one prepared statement per SQL text, which still reads what changed since', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    const insert = (name: string) => db.prepare('INSERT INTO t (name) VALUES (?)').run(name);

    expect(count()).toBe(0);
    insert('a');
    insert('b');
    expect(count()).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM t')).toBe(db.prepare('SELECT count(*) AS n FROM t'));
    expect(db.prepare('SELECT name FROM t WHERE id = ?')).not.toBe(db.prepare('SELECT id FROM t WHERE name = ?'));
    db.close();
  });

  it('keeps statements per database, never sharing one across connections', () => {
    const first = openDatabase(':memory:');
    const second = openDatabase(':memory:');
    expect(first.prepare('SELECT 1')).not.toBe(second.prepare('SELECT 1'));
    first.close();
    second.close();
  });

  /**
   * Reused statements are sound only while no code changes a statement's mode or leaves one
   * iterating (database.ts: reusePreparedStatements). This keeps it so.
   */
  it('no gateway source switches a statement mode or iterates one', () => {
    const sourceRoot = join(__dirname, '..', '..');
    const offending = sourceFiles(sourceRoot).filter((file) => /\.(pluck|raw|expand|safeIntegers|iterate)\(/.test(readFileSync(file, 'utf8')));
    expect(offending).toEqual([]);
  });
});

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}
