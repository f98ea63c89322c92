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

/** The directory's answer for an ID: looking, listed under a name, or not listed. */
function useDirectoryName(stakeholderId: string): { looking: boolean; name: string | undefined } {
  const [answer, setAnswer] = useState<{ id: string; name: string | undefined }>();
  useEffect(() => {
    let current = true;
    void lookUp(stakeholderId).then((name) => {
      if (current) setAnswer({ id: stakeholderId, name });
    });
    return () => {
      current = false;
    };
  }, [stakeholderId]);
  return answer?.id === stakeholderId ? { looking: false, name: answer.name } : { looking: true, name: undefined };
}

/** The directory's name for an ID, or undefined while unknown or when not listed. */
export function useDisplayName(stakeholderId: string): string | undefined {
  return useDirectoryName(stakeholderId).name;
}

/**
 * Who someone is: the directory name with the ID beside it, or the ID alone when not listed.
 * Busy while the directory answers, so a page counts as loaded only with its names.
 */
export function Who({ id }: { id: string }) {
  const { looking, name } = useDirectoryName(id);
  if (name === undefined) return <code aria-busy={looking ? 'true' : undefined}>{id}</code>;
  return (
    <span className="who-name">
      {name} <code className="who-id">{id}</code>
    </span>
  );
}
