import { useEffect, useState } from 'react';
import { api } from '../../api/client';

/**
 * The directory names of the given stakeholders, looked up once each; an ID without a listing
 * (not listed, or suspended) keeps showing as its ID.
 */
export function useDirectoryNames(ids: readonly string[]): Readonly<Record<string, string>> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let current = true;
    const wanted = key === '' ? [] : key.split(',');
    void Promise.all(
      wanted.map(async (stakeholderId) => {
        const result = await api.GET('/directory/{stakeholderId}', { params: { path: { stakeholderId } } }).catch(() => undefined);
        return [stakeholderId, result?.data?.displayName] as const;
      }),
    ).then((found) => {
      if (!current) return;
      setNames(Object.fromEntries(found.filter((pair): pair is readonly [string, string] => pair[1] !== undefined)));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return names;
}

/** "Dr. Dana (doctor-1a2b…)" or just the ID. */
export function nameOf(names: Readonly<Record<string, string>>, id: string): string {
  const name = names[id];
  return name === undefined ? id : name;
}
