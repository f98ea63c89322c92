import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below a directory (none when it does not exist): what a test compares to prove nothing was stored. */
export function filesUnder(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
