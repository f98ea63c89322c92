import type { Database } from 'better-sqlite3';
import type { DirectoryEntry } from './directory-entry';
import { entryOf, type DirectoryEntryRow } from './directory-row';
import type { DirectoryFilter, DirectoryRepository } from './directory-repository';
import type { Synchronous } from '../../platform/database/synchronous';

/** The directory of professionals (migration 5): one row per stakeholder, specialties as a JSON array. */
export class SqliteDirectory implements Synchronous<DirectoryRepository> {
  constructor(private readonly db: Database) {}

  put(entry: DirectoryEntry, now: Date): DirectoryEntry {
    this.db
      .prepare(
        `INSERT INTO directory_entries (stakeholder_id, role, display_name, specialties, city, about, updated_at)
         VALUES (@stakeholderId, @role, @displayName, @specialties, @city, @about, @updatedAt)
         ON CONFLICT (stakeholder_id) DO UPDATE SET role = excluded.role, display_name = excluded.display_name, specialties = excluded.specialties,
           city = excluded.city, about = excluded.about, updated_at = excluded.updated_at`,
      )
      .run({ ...entry, specialties: JSON.stringify(entry.specialties), city: entry.city ?? null, about: entry.about ?? null, updatedAt: now.getTime() });
    return entry;
  }

  get(stakeholderId: string): DirectoryEntry | undefined {
    const row = this.db.prepare('SELECT * FROM directory_entries WHERE stakeholder_id = ?').get(stakeholderId) as DirectoryEntryRow | undefined;
    return row === undefined ? undefined : entryOf(row);
  }

  after(filter: DirectoryFilter, afterId: string, limit: number): DirectoryEntry[] {
    const conditions = ['stakeholder_id > @afterId'];
    if (filter.role !== undefined) {
      conditions.push('role = @role');
    }
    if (filter.specialty !== undefined) {
      conditions.push('EXISTS (SELECT 1 FROM json_each(specialties) WHERE lower(json_each.value) = lower(@specialty))');
    }
    if (filter.q !== undefined) {
      // instr, not LIKE: the search text is matched literally, % and _ included.
      conditions.push(`instr(lower(display_name || char(10) || specialties || char(10) || coalesce(city, '') || char(10) || coalesce(about, '')), lower(@q)) > 0`);
    }
    const rows = this.db
      .prepare(`SELECT * FROM directory_entries WHERE ${conditions.join(' AND ')} ORDER BY stakeholder_id LIMIT @limit`)
      .all({ afterId, limit, role: filter.role ?? null, specialty: filter.specialty ?? null, q: filter.q ?? null }) as DirectoryEntryRow[];
    return rows.map(entryOf);
  }
}
