import { directoryEntryModel, type DirectoryEntry } from './directory-entry';

/** A row of directory_entries as both stores read it (specialties as a JSON array of text). */
export interface DirectoryEntryRow {
  stakeholder_id: string;
  role: string;
  display_name: string;
  specialties: string;
  city: string | null;
  about: string | null;
}

/** The entry a row holds, validated again on the way out: the same mapping for SQLite and PostgreSQL. */
export function entryOf(row: DirectoryEntryRow): DirectoryEntry {
  return directoryEntryModel.parse({
    stakeholderId: row.stakeholder_id,
    role: row.role,
    displayName: row.display_name,
    specialties: JSON.parse(row.specialties) as unknown,
    ...(row.city === null ? {} : { city: row.city }),
    ...(row.about === null ? {} : { about: row.about }),
  });
}
