/**
 * File names are private data: the file list (metadata) never carries them, only a logged read
 * does (the download's Content-Disposition). So the portal shows a name it has legitimately seen in
 * this tab (the person uploaded or downloaded the file) and the file ID otherwise. Kept in memory
 * only, never in localStorage: a name is health data and leaves with the tab.
 */
const known = new Map<string, string>();
const listeners = new Set<() => void>();
let changes = 0;

export function rememberFileName(fileId: string, name: string): void {
  if (known.get(fileId) === name) return;
  known.set(fileId, name);
  changes += 1;
  for (const listener of listeners) listener();
}

export function knownFileName(fileId: string): string | undefined {
  return known.get(fileId);
}

/** For useSyncExternalStore: a list re-renders when a download reveals a name. */
export function subscribeToFileNames(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Changes whenever a name is learnt (the snapshot useSyncExternalStore compares). */
export function fileNamesVersion(): number {
  return changes;
}
