import type { Principal } from './principals/principal';
import type { SessionRecord } from './sessions/session-repository';
import type { Scope } from './scopes';
import type { StepUpState } from './step-up';

export type AuthMethod = 'api-key' | 'token' | 'session';

/** How the caller proved who they are, and what that credential allows. */
export interface AuthContext {
  method: AuthMethod;
  scopes: Scope[];
  keyId?: string;
  tokenId?: string;
  /** Whether this credential may do an irreversible operation now (step-up.ts): a fresh session or a consent token. */
  stepUp: StepUpState;
  /**
   * Whether the credential still verifies now (not revoked, expired, or its account removed). For
   * long-lived responses (the notification stream) that outlive the request's authentication. Never
   * touches a session's idle timer: an open stream is not activity.
   */
  stillValid(): Promise<boolean>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's declaration merging point
  namespace Express {
    interface Request {
      /** Set by authenticate(): never from a header or body the caller chose. */
      principal?: Principal;
      auth?: AuthContext;
      /** The cookie session behind req.auth, when auth.method is 'session'. */
      sessionRecord?: SessionRecord;
    }
  }
}
