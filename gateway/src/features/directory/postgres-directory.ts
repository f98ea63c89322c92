import type { DirectoryEntry } from './directory-entry';
import { entryOf, type DirectoryEntryRow } from './directory-row';
import type { DirectoryFilter, DirectoryRepository } from './directory-repository';
import type { Sql } from '../../platform/database/postgres-database';

const ENTRY = 'SELECT stakeholder_id, role, display_name, specialties, city, about FROM directory_entries';

/** The directory of professionals (migration 5): one row per stakeholder, specialties as a JSON array in text. */
export class PostgresDirectory implements DirectoryRepository {
  constructor(private readonly sql: Sql) {}

  async put(entry: DirectoryEntry, now: Date): Promise<DirectoryEntry> {
    await this.sql.run(
      `INSERT INTO directory_entries (stakeholder_id, role, display_name, specialties, city, about, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (stakeholder_id) DO UPDATE SET role = excluded.role, display_name = excluded.display_name, specialties = excluded.specialties,
         city = excluded.city, about = excluded.about, updated_at = excluded.updated_at`,
      [entry.stakeholderId, entry.role, entry.displayName, JSON.stringify(entry.specialties), entry.city ?? null, entry.about ?? null, now.getTime()],
    );
    return entry;
  }

  async get(stakeholderId: string): Promise<DirectoryEntry | undefined> {
    const row = await this.sql.get<DirectoryEntryRow>(`${ENTRY} WHERE stakeholder_id = $1`, [stakeholderId]);
    return row === undefined ? undefined : entryOf(row);
  }

  async after(filter: DirectoryFilter, afterId: string, limit: number): Promise<DirectoryEntry[]> {
    const params: unknown[] = [afterId, limit];
    const parameter = (value: unknown) => `$${params.push(value)}`;
    // Binary order (COLLATE "C"), as SQLite orders text, whatever the database's locale: the cursor depends on it.
    const conditions = ['stakeholder_id COLLATE "C" > $1'];
    if (filter.role !== undefined) {
      conditions.push(`role = ${parameter(filter.role)}`);
    }
    if (filter.specialty !== undefined) {
      conditions.push(`EXISTS (SELECT 1 FROM json_array_elements_text(specialties::json) AS specialty WHERE lower(specialty) = lower(${parameter(filter.specialty)}::text))`);
    }
    if (filter.q !== undefined) {
      // strpos, not LIKE: the search text is matched literally, % and _ included.
      conditions.push(`strpos(lower(display_name || chr(10) || specialties || chr(10) || coalesce(city, '') || chr(10) || coalesce(about, '')), lower(${parameter(filter.q)}::text)) > 0`);
    }
    const rows = await this.sql.all<DirectoryEntryRow>(`${ENTRY} WHERE ${conditions.join(' AND ')} ORDER BY stakeholder_id COLLATE "C" LIMIT $2`, params);
    return rows.map(entryOf);
  }
}
