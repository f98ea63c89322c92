/**
 * The result of an action whose form goes away when it succeeds (an answered item leaves its
 * queue): shown where the queue is, in a live region that is always there so it is announced.
 */
export function ResultNotice({ message }: { message: string | undefined }) {
  return (
    <p className={message === undefined ? 'message' : 'message success'} role="status" aria-live="polite">
      {message ?? null}
    </p>
  );
}
