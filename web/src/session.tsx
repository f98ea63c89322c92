import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ok } from './api/client';
import { forgetCsrfToken } from './api/csrf';
import { ApiError } from './api/problem';
import { isRole, type Role } from './navigation';

/** Who is signed in, as GET /me says: the gateway's session cookie is the only credential. */
export interface SignedIn {
  principalId: string;
  role: Role;
  stakeholderId: string;
  displayName: string;
  stakeholderStatus: string;
}

export type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: SignedIn } | { status: 'failed'; message: string };

const SessionContext = createContext<SignedIn | undefined>(undefined);

/** The signed-in principal; pages render only inside a signed-in session (App.tsx). */
export function useMe(): SignedIn {
  const me = useContext(SessionContext);
  if (me === undefined) throw new Error('useMe() outside a signed-in session');
  return me;
}

export function SessionProvider({ me, children }: { me: SignedIn; children: ReactNode }) {
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

async function loadSession(): Promise<SessionState> {
  try {
    const body = await ok(api.GET('/me'));
    const { principal, stakeholder } = body;
    // The generated type already narrows the role; a gateway newer than this build may not.
    const role: string = principal.role;
    if (!isRole(role)) return { status: 'failed', message: `This portal does not know the role ${role} yet: reload the page.` };
    const stakeholderStatus = stakeholder === null ? 'unregistered' : stakeholder.status;
    return { status: 'signed-in', me: { principalId: principal.id, role, stakeholderId: principal.stakeholderId, displayName: principal.displayName, stakeholderStatus } };
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return { status: 'signed-out' };
    return { status: 'failed', message: error instanceof Error ? error.message : 'The gateway could not be reached' };
  }
}

export function useSession(): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  useEffect(() => {
    void loadSession().then(setState);
  }, []);
  return state;
}

/** Ends the gateway session, then starts over at the sign-in page. */
export async function signOut(): Promise<void> {
  await ok(api.POST('/auth/logout'));
  forgetCsrfToken();
  window.location.assign('/');
}

export const SIGN_IN_URL = '/auth/saml/login?returnTo=%2F';

/**
 * Irreversible actions (granting consent, approving a request, delegating, erasing) need a fresh
 * sign-in (401 STEP_UP_REQUIRED): this signs in again with ForceAuthn and comes back to this page.
 */
export function stepUpUrl(): string {
  const here = `/${window.location.hash}`;
  return `/auth/saml/login?forceAuthn=true&returnTo=${encodeURIComponent(here)}`;
}
