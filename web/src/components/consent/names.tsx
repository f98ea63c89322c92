import { useEffect, useState } from 'react';
import { api } from '../../api/client';

/**
 * Display names of professionals from the public directory (GET /directory/{id}). A stakeholder
 * not listed there (unlisted, suspended, or a patient) is shown by its pseudonymous ID. One
 * request per ID per page load: the answers are kept for the life of the page.
 */
const names = new Map<string, Promise<string | undefined>>();

function lookUp(stakeholderId: string): Promise<string | undefined> {
  let pending = names.get(stakeholderId);
  if (pending === undefined) {
    pending = api.GET('/directory/{stakeholderId}', { params: { path: { stakeholderId } } }).then(
      ({ data }) => data?.displayName,
      () => undefined,
    );
    names.set(stakeholderId, pending);
  }
  return pending;
}

/** The directory's name for an ID, or undefined while unknown or when not listed. */
export function useDisplayName(stakeholderId: string): string | undefined {
  const [name, setName] = useState<string>();
  useEffect(() => {
    let current = true;
    setName(undefined);
    void lookUp(stakeholderId).then((found) => {
      if (current) setName(found);
    });
    return () => {
      current = false;
    };
  }, [stakeholderId]);
  return name;
}

/** Who someone is: the directory name with the ID beside it, or the ID alone when not listed. */
export function Who({ id }: { id: string }) {
  const name = useDisplayName(id);
  if (name === undefined) return <code>{id}</code>;
  return (
    <span className="who-name">
      {name} <code className="who-id">{id}</code>
    </span>
  );
}
