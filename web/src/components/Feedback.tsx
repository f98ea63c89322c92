import type { ReactNode } from 'react';
import { stepUpUrl } from '../session';

/** The outcome of an action, announced to screen readers: a success, or the gateway's problem. */
export type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: ReactNode } | { kind: 'failed'; message: string; code?: string };

export function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'failed' && outcome.code === 'STEP_UP_REQUIRED') {
    // The problem's detail is written for API clients (tokens, ForceAuthn); a person needs the why and the way.
    return (
      <p className="message error" role="alert">
        This cannot be undone, so MedLedger asks you to sign in again first (your last sign-in was more than a few minutes ago).{' '}
        <a href={stepUpUrl()}>Sign in again to confirm it is you</a>, then repeat the action.
      </p>
    );
  }
  if (outcome.kind === 'failed') {
    return (
      <p className="message error" role="alert">
        {outcome.message}
      </p>
    );
  }
  return (
    <p className={outcome.kind === 'done' ? 'message success' : 'message'} role="status" aria-live="polite">
      {outcome.kind === 'done' ? outcome.message : outcome.kind === 'busy' ? 'Working…' : null}
    </p>
  );
}

export function ErrorMessage({ message }: { message: string }) {
  return (
    <p className="message error" role="alert">
      {message}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
