import type { DirectoryEntry, DirectoryRole } from './directory-entry';

/** What a directory search asks for; each given field narrows the result. */
export interface DirectoryFilter {
  role?: DirectoryRole;
  /** One of the entry's specialties, case-insensitively. */
  specialty?: string;
  /** A substring of the name, a specialty, the city or the text, case-insensitively. */
  q?: string;
}

/**
 * The directory's table behind a small interface (SQLite: sqlite-directory.ts), so another
 * database can stand behind it.
 */
export interface DirectoryRepository {
  /** Creates or replaces the stakeholder's entry. */
  put(entry: DirectoryEntry, now: Date): Promise<DirectoryEntry>;
  get(stakeholderId: string): Promise<DirectoryEntry | undefined>;
  /** Up to `limit` entries matching the filter whose stakeholder ID is after `afterId` ('' for the start), in ID order. */
  after(filter: DirectoryFilter, afterId: string, limit: number): Promise<DirectoryEntry[]>;
}
